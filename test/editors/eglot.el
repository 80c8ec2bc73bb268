;;; eglot.el --- drives the language server from a real Emacs with eglot  -*- lexical-binding: t -*-
;; As an Emacs user runs it: eglot with `node dist/server.js --stdio' for a text-mode buffer. Everything goes
;; through eglot's own client: its conversion of buffer positions to LSP (UTF-16 columns), flymake for the
;; diagnostics, its application of workspace edits, its didChange. Writes what it saw as JSON to OGI_OUT.
;;   emacs --batch -l test/editors/eglot.el   (env: OGI_SERVER, OGI_REPORT, OGI_OUT, OGI_CODE, and
;;   OGI_SETTINGS, the ogiReport settings as JSON)
(require 'eglot)
(require 'json)

(defvar ogi-result nil)
(defun ogi-step (name value) (push (cons name value) ogi-result))

(defun ogi-wait (predicate seconds)
  "Let the server's messages arrive until PREDICATE holds or SECONDS pass; PREDICATE's last value."
  (let ((deadline (+ (float-time) seconds)) (v nil))
    (while (and (not (setq v (funcall predicate))) (< (float-time) deadline))
      (accept-process-output nil 0.05))
    v))

(defun ogi-diagnostics ()
  "The buffer's flymake diagnostics from the server, their ranges as eglot converts them back to LSP."
  (mapcar (lambda (d)
            (let ((lsp (cdr (assoc 'eglot-lsp-diag (eglot--diag-data d)))))
              `((code . ,(plist-get lsp :code))
                (message . ,(plist-get lsp :message))
                (range . ((start . ,(ogi-position (flymake-diagnostic-beg d)))
                          (end . ,(ogi-position (flymake-diagnostic-end d))))))))
          (flymake-diagnostics)))

(defun ogi-position (pos)
  (let ((p (eglot--pos-to-lsp-position pos)))
    `((line . ,(plist-get p :line)) (character . ,(plist-get p :character)))))

(defun ogi-with-code (code)
  (seq-find (lambda (d) (equal (alist-get 'code d) code)) (ogi-diagnostics)))

(let ((server-path (getenv "OGI_SERVER")) (report (getenv "OGI_REPORT"))
      (out (getenv "OGI_OUT")) (code (getenv "OGI_CODE"))
      (eglot-sync-connect t) (flymake-no-changes-timeout nil))
  ;; The user's settings, as an init file gives them: answered by eglot to workspace/configuration.
  (when (getenv "OGI_SETTINGS")
    (setq-default eglot-workspace-configuration
                  `((:ogiReport . ,(let ((json-object-type 'plist)) (json-read-from-string (getenv "OGI_SETTINGS")))))))
  (condition-case err
      (progn
        (find-file report)
        (text-mode)
        (let* ((project (cons 'transient (file-name-directory report)))
               (server (eglot--connect '(text-mode) project 'eglot-lsp-server
                                       (list "node" server-path "--stdio") "text")))
          (ogi-step 'managed (and (eglot-managed-p) t))
          (flymake-start)
          (ogi-step 'published (and (ogi-wait (lambda () (flymake-start) (ogi-with-code code)) 20) t))
          (ogi-step 'diagnostics (vconcat (ogi-diagnostics)))
          (let* ((target (seq-find (lambda (d) (equal (plist-get (cdr (assoc 'eglot-lsp-diag (eglot--diag-data d))) :code) code))
                                   (flymake-diagnostics)))
                 (beg (flymake-diagnostic-beg target)) (end (flymake-diagnostic-end target)))
            (goto-char beg)
            (let ((hover (jsonrpc-request server :textDocument/hover (eglot--TextDocumentPositionParams))))
              (ogi-step 'hover (let ((c (plist-get hover :contents))) (if (stringp c) c (or (plist-get c :value) :null)))))
            (let ((symbols (jsonrpc-request server :textDocument/documentSymbol `(:textDocument ,(eglot--TextDocumentIdentifier)))))
              (ogi-step 'symbols (vconcat (mapcar (lambda (s) (plist-get s :name)) symbols))))
            (let* ((actions (eglot-code-actions beg end "quickfix"))
                   (fix (car actions)))
              (ogi-step 'actions (vconcat (mapcar (lambda (a) `((title . ,(plist-get a :title)) (kind . ,(plist-get a :kind)) (edit . ,(and (plist-get a :edit) t)))) actions)))
              ;; Applied by eglot itself; the change goes back to the server as didChange.
              (eglot--apply-workspace-edit (plist-get fix :edit))
              (ogi-step 'edited (1- (line-number-at-pos beg)))
              (ogi-step 'line (save-excursion (goto-char beg) (buffer-substring-no-properties (line-beginning-position) (line-end-position))))
              ;; Eglot sends the change from an idle timer, which a batch Emacs never runs: sent as that timer would.
              (eglot--signal-textDocument/didChange)
              (ogi-step 'cleared (and (ogi-wait (lambda () (flymake-start) (not (ogi-with-code code))) 20) t))
              (ogi-step 'after (vconcat (ogi-diagnostics)))
              ;; Format Document (pipe tables aligned to display width), its edits applied by eglot.
              (let ((t0 (float-time))) (eglot-format-buffer) (ogi-step 'formatSeconds (- (float-time) t0)))
              (ogi-step 'formatted (buffer-substring-no-properties (point-min) (point-max)))
              ;; Rewrite table 三 as a Markdown table (refactor.rewrite), applied by eglot.
              (eglot--signal-textDocument/didChange)
              (goto-char (point-min))
              (search-forward "本年新收")
              (let ((rewrite (seq-find (lambda (a) (let ((case-fold-search t)) (string-match-p "markdown" (plist-get a :title))))
                                       (eglot-code-actions (line-beginning-position) (line-beginning-position) "refactor.rewrite")))
                    (t0 (float-time)))
                (eglot--apply-workspace-edit (plist-get rewrite :edit))
                (ogi-step 'reshapeSeconds (- (float-time) t0)))
              (ogi-step 'reshaped (buffer-substring-no-properties (point-min) (point-max)))))
          (ignore-errors (eglot-shutdown server))))
    (error (ogi-step 'error (error-message-string err))))
  (with-temp-file out
    (set-buffer-file-coding-system 'utf-8)
    (insert (json-encode (nreverse ogi-result))))
  (kill-emacs 0))
