;;; eglot-sync.el --- incremental sync from a real Emacs with eglot  -*- lexical-binding: t -*-
;; Random edits (CJK, 𠮷, line breaks, deletions across them) made with insert and delete-region, which eglot
;; records and sends as incremental didChange in UTF-16 positions; then the server's copy
;; (ogiReport/documentState: its SHA-256) must be the buffer's text. Writes JSON to OGI_OUT.
;;   emacs --batch -l test/editors/eglot-sync.el   (env: OGI_SERVER, OGI_REPORT, OGI_OUT, OGI_SEED, OGI_EDITS)
(require 'eglot)
(require 'json)

(let* ((server-path (getenv "OGI_SERVER")) (report (getenv "OGI_REPORT")) (out (getenv "OGI_OUT"))
       (state (string-to-number (or (getenv "OGI_SEED") "1"))) (count (string-to-number (or (getenv "OGI_EDITS") "200")))
       (eglot-sync-connect t) (result nil))
  (cl-flet ((rand (n) (setq state (mod (+ (* state 1103515245) 12345) 2147483648)) (mod state n))
            (send () (eglot--signal-textDocument/didChange)))
    (condition-case err
        (progn
          (find-file report)
          (text-mode)
          (let ((server (eglot--connect '(text-mode) (cons 'transient (file-name-directory report)) 'eglot-lsp-server
                                        (list "node" server-path "--stdio") "text"))
                (pieces ["𠮷" "中文" "a" "\n" "12" "𠮷𠮷\n" "（一）" "\t" ""]))
            (dotimes (k count)
              (let ((a (1+ (rand (1+ (buffer-size))))))
                (if (= 0 (rand 3))
                    ;; A deletion of up to 6 characters from here (across line breaks and 𠮷).
                    (delete-region a (min (point-max) (+ a (rand 7))))
                  (save-excursion (goto-char a) (insert (aref pieces (rand (length pieces)))))))
              ;; Eglot sends from an idle timer, which a batch Emacs never runs: some edits go in one batch, some alone.
              (when (= 0 (% (1+ k) 17)) (send) (accept-process-output nil 0.05)))
            (send)
            (let* ((client (secure-hash 'sha256 (encode-coding-string (buffer-substring-no-properties (point-min) (point-max)) 'utf-8)))
                   (state (jsonrpc-request server :ogiReport/documentState (list :uri (eglot--path-to-uri report)))))
              (push (cons 'edits count) result)
              (push (cons 'client client) result)
              (push (cons 'server (plist-get state :sha256)) result)
              (push (cons 'inSync (eq (plist-get state :inSync) t)) result)
              (push (cons 'equal (equal client (plist-get state :sha256))) result))
            (ignore-errors (eglot-shutdown server))))
      (error (push (cons 'error (error-message-string err)) result))))
  (with-temp-file out (insert (json-encode result)))
  (kill-emacs 0))
