#!/usr/bin/env python3
"""Writes syntaxes/ogi-report.tmLanguage.json, whose regexes are too long to keep by hand.

Usage: python3 scripts/gen-grammar.py   (test/unit/grammar.test.ts checks the result)
"""
import json, sys

SP = r'[ \x{00A0}\x{3000}]'            # space-like, no tab
WS = r'[ \t\x{00A0}\x{3000}]'          # space-like incl. tab
D = r'[0-9０-９]'
NUM = r'[-+＋－]?' + D + r'+(?:[.．]' + D + r'+)?'
LP = r'[（(]'
RP = r'[)）]'
F = r'[^\t|。，,；;！!？?：:*#]'           # fuzz inside a heading title: no cell break, no sentence punctuation
B0 = r'(?:^|(?<=[\t| \x{00A0}\x{3000}]))'   # a cell / word starts here
# a short label must end its cell: before a tab/pipe/end of line, or before a run of numbers (PDF text)
E = r'(?=' + SP + r'*(?:[\t|]|$)|' + SP + r'+[-+＋－]?' + D + r')'
E2 = r'(?=' + SP + r'*(?:[\t|]|$)|' + SP + r'+[-+＋－]?' + D + r'|' + SP + r'*' + LP + r')'
BOOKMARK = r'\[bookmark:' + SP + r'*[^\]\t]{0,80}\]'
COMMENT = r'\t' + SP + r'*Comment by .*'

NUMERALS = {1: '一1１', 2: '二2２', 3: '三3３', 4: '四4４', 5: '五5５', 6: '六6６'}
TITLES = {
    1: F + r'{0,10}总' + SP + r'?体' + F + r'{0,8}',
    2: F + r'{0,12}主动公开' + F + r'{0,12}',
    3: F + r'{0,12}(?:收到' + F + r'{0,12}申请|依申请)' + F + r'{0,12}',
    4: F + r'{0,20}(?:复议|诉讼)' + F + r'{0,20}',
    5: F + r'{0,20}(?:问题|不足|改进)' + F + r'{0,20}',
    6: F + r'{0,8}其他' + F + r'{0,12}(?:报告|说明|事项)' + F + r'{0,8}',
}
# table 三's rows 一、二、三、四 look like section headings: never take them for one; nor a sub-heading （一） after a '#'
NOT_ROW = r'(?!' + SP + r'*(?:本年新收|上年结转|本年度办理结果|结转下年度|[（(]))'

HEAD_PREFIX = (r'^(' + SP + r'*)(?:(' + BOOKMARK + r')' + SP + r'*)?'
               r'(?:(#{1,6})(?!#)' + SP + r'*)?(\*\*)?' + SP + r'*')
HEAD_SUFFIX = SP + r'*[：:]?' + SP + r'*(\*\*)?' + SP + r'*(?:(' + COMMENT + r')|[ \t\x{00A0}\x{3000}]*)$'


def heading_caps():
    return {
        '2': {'patterns': [{'include': '#noise'}]},
        '3': {'name': 'punctuation.definition.heading.marker.ogi-report'},
        '4': {'name': 'punctuation.definition.heading.marker.ogi-report'},
        '5': {'name': 'punctuation.definition.heading.number.ogi-report'},
        '7': {'name': 'punctuation.definition.heading.marker.ogi-report'},
        '8': {'patterns': [{'include': '#noise'}]},
    }


section_rules = []
for n in range(1, 7):
    num = '[' + NUMERALS[n] + ']'
    numbering = (r'((?:' + num + SP + r'*[、.．,，]|第' + num + r'部分' + SP + r'*[、.．,，:：]?|[' + NUMERALS[n][0] + r']' + SP + r'+))')
    section_rules.append({
        'comment': f'section {n}',
        'match': HEAD_PREFIX + numbering + SP + r'*' + NOT_ROW + r'(' + TITLES[n] + r')' + HEAD_SUFFIX,
        'name': 'entity.name.function.heading.section.ogi-report',
        'captures': heading_caps(),
    })
any_title = '(?:' + '|'.join(TITLES[n] for n in range(1, 7)) + ')'
section_rules.append({
    'comment': 'a section heading that lost its numeral (、主动公开政府信息情况) or has only a markdown marker',
    'match': (r'^(' + SP + r'*)(?:(' + BOOKMARK + r')' + SP + r'*)?(?:(#{1,6})(?!#)' + SP + r'*(\*\*)?' + SP + r'*([、.．])?|(?:\*\*)?' + SP + r'*([、.．]))'
              + SP + r'*' + NOT_ROW + r'(' + any_title + r')' + HEAD_SUFFIX),
    'name': 'entity.name.function.heading.section.ogi-report',
    'captures': {
        '2': {'patterns': [{'include': '#noise'}]},
        '3': {'name': 'punctuation.definition.heading.marker.ogi-report'},
        '4': {'name': 'punctuation.definition.heading.marker.ogi-report'},
        '5': {'name': 'punctuation.definition.heading.number.ogi-report'},
        '6': {'name': 'punctuation.definition.heading.number.ogi-report'},
        '8': {'name': 'punctuation.definition.heading.marker.ogi-report'},
        '9': {'patterns': [{'include': '#noise'}]},
    },
})

ROW_GROUP = (LP + SP + r'?[一二三四五六七]' + SP + r'?' + RP + SP + r'?'
             r'(?:予以公开|部分公开|不予公开|无法提供|不予处理|其他处理|总计)')

subheading = {
    'comment': '（一） (一) （1） at the start of a line (not after a tab: that is a table cell); not table 三 row labels',
    'match': (r'^(' + SP + r'*)(?:(' + BOOKMARK + r')' + SP + r'*)?(?:(#{1,6})' + SP + r'*)?(\*\*)?'
              r'(?!' + ROW_GROUP + r')'
              r'(' + LP + SP + r'?(?:[一二三四五六七八九十]{1,3}|' + D + r'{1,2})' + SP + r'?' + RP + r'[、.．]?)'
              r'(' + SP + r'*[^\t|。，,；;！!？?：:*]{0,40})'),
    'name': 'entity.name.function.heading.subsection.ogi-report',
    'captures': {
        '2': {'patterns': [{'include': '#noise'}]},
        '3': {'name': 'punctuation.definition.heading.marker.ogi-report'},
        '4': {'name': 'punctuation.definition.heading.marker.ogi-report'},
        '5': {'name': 'punctuation.definition.heading.number.ogi-report'},
    },
}

title = {
    'comment': 'the report title line (…年政府信息公开工作年度报告)',
    'match': (r'^' + SP + r'*(?:(#{1,6})' + SP + r'*)?(?:\*\*)?[^\t|。，,；;]{0,40}?(?:政府)?信息公开[^\t|。，,；;]{0,12}年度报告'
              + SP + r'*(?:\*\*)?' + SP + r'*$'),
    'name': 'entity.name.function.heading.title.ogi-report',
    'captures': {'1': {'name': 'punctuation.definition.heading.marker.ogi-report'}},
}

noise = [
    {'match': r'^' + SP + r'*[-—–－‐]' + SP + r'*' + D + r'{1,4}' + SP + r'*[-—–－‐]' + SP + r'*$',
     'name': 'comment.line.noise.footer.ogi-report'},
    {'match': r'^' + SP + r'*第' + SP + r'*' + D + r'{1,4}' + SP + r'*页(?:' + SP + r'*[，,/／]?' + SP + r'*共' + SP + r'*' + D + r'{1,4}' + SP + r'*页)?' + SP + r'*$',
     'name': 'comment.line.noise.footer.ogi-report'},
    {'match': BOOKMARK, 'name': 'comment.line.noise.bookmark.ogi-report'},
    {'match': r'(?:^|\t)' + SP + r'*Comment by .*', 'name': 'comment.line.noise.review.ogi-report'},
    {'match': r'扫一扫在手机上打开(?:当前)?页面|【(?:打印本页|关闭窗口|打印|关闭)】', 'name': 'comment.line.noise.web.ogi-report'},
]

reconciliation = {
    'comment': 'table 三 top-left cell, in either bracket width, also split over two lines (PDF text)',
    'match': (LP + r'?' + SP + r'?本列数据的勾稽关系为' + SP + r'?[：:]?' + SP + r'?(?:第一项加第二项之和' + SP + r'?[，,]?' + SP + r'?)?'
              r'(?:等于第三项加第四项之和' + SP + r'?' + RP + r'?)?'
              r'|' + B0 + r'等于第三项加第四项之和' + SP + r'?' + RP + r'?'),
    'name': 'keyword.other.reconciliation.ogi-report',
}

caption = {
    'match': r'第二十条第' + SP + r'?' + LP + SP + r'?[一二三四五六七八九十]{1,3}' + SP + r'?' + RP + SP + r'?项',
    'name': 'entity.name.section.caption.ogi-report',
}

TAIL = r'(?:[^\t|0-9０-９ \x{00A0}\x{3000}]|' + SP + r'(?=[^\t|0-9０-９ \x{00A0}\x{3000}]))'
LEAVES = [
    '属于国家秘密', '其他法律行政法规禁止公开', '危及' + SP + r'?["“”\']?三安全一稳定["“”\']?', '保护第三方合法权益',
    '属于三类内部事务信息', '属于四类过程性信息', '属于行政执法案卷', '属于行政查询事项',
    '本机关不掌握相关政府信息', '没有现成信息需要另行制作', '补正后申请内容仍不明确',
    '信访举报投诉类申请', '重复申请', '要求提供公开出版物', '无正当理由大量反复申请',
    '要求行政机关确认或重新' + SP + r'?出具' + TAIL + '{0,8}',
    '申请人无正当理由逾期不补正' + TAIL + '{0,30}',
    '申请人逾期未按收费通知要求缴纳费用' + TAIL + '{0,30}',
    '其他' + E2,
]
# Labels and headings take scopes that themes paint in neutral colours (type / property / function, not
# tag / attribute-name / markup.heading, which Light+ paints dark red): red is left to the diagnostics.
row_labels = [
    {'comment': 'table 三 rows 一、二、三、四',
     'match': B0 + r'(?:[一1１]' + SP + r'?[、.．]' + SP + r'?本年新收(?:政府信息公开)?(?:申请)?(?:数量)?'
                   r'|[二2２]' + SP + r'?[、.．]' + SP + r'?上年结转(?:政府信息公开)?(?:申请)?(?:数量)?'
                   r'|[三3３]' + SP + r'?[、.．]' + SP + r'?本年度办理结果'
                   r'|[四4４]' + SP + r'?[、.．]' + SP + r'?结转下年度(?:继续办理)?)',
     'name': 'entity.name.type.row-label.ogi-report'},
    {'comment': 'table 三 （一）…（七）',
     'match': B0 + LP + SP + r'?[一二三四五六七]' + SP + r'?' + RP + SP + r'?'
              r'(?:予以公开|部分公开(?:' + SP + r'?' + LP + r'[^\t|)）]{0,30}' + RP + r'?)?|不予公开|无法提供|不予处理|其他处理|总计)',
     'name': 'entity.name.type.row-label.ogi-report'},
    {'comment': 'table 三 leaf rows 1. 2. … under （三）–（六）',
     'match': B0 + r'[1-8１-８]' + SP + r'?[.．、]' + SP + r'?(?:' + '|'.join(LEAVES) + ')',
     'name': 'entity.name.type.row-label.ogi-report'},
    {'comment': 'the rest of a table 三 label wrapped onto the next line (PDF text)',
     'match': r'^' + SP + r'*(?:(?:不再处理其政府)?信息公开申请|已?获取信息|其他情形' + SP + r'?' + RP + r')' + E,
     'name': 'entity.name.type.row-label.ogi-report'},
    {'comment': 'table 二 rows (2021 and 2019 formats)',
     'match': B0 + r'(?:行政规范性文件|规范性文件|规章|行政许可|其他对外管理服务事项|行政处罚|行政强制|行政事业性收费|政府集中采购)' + E,
     'name': 'entity.name.type.row-label.ogi-report'},
]

COLS = [
    '信息内容', '本年制发件数', '本年废止件数', '现行有效件数', '本年处理决定数量',
    '本年收费金额(?:' + SP + r'?' + LP + r'单位[：:]' + SP + r'?万元' + RP + r')?',
    '本年新制作数量', '本年新公开数量', '对外公开总数量', '上一年项目数量', '本年增' + SP + r'?[/／]' + SP + r'?减',
    '处理决定数量', '采购项目数量', '采购总金额',
    '申请人情况', '自然人', '法人或其他组织',
    '商业' + SP + r'?企业', '科研' + SP + r'?机构', '社会公益' + SP + r'?组织', '法律服务' + SP + r'?机构',
    '行政复议', '行政诉讼', '未经复议直接起诉', '复议后起诉',
    '结果' + SP + r'?维持', '结果' + SP + r'?纠正', '其他' + SP + r'?结果', '尚未' + SP + r'?审结', '总计', '其他',
    # halves of labels that wrap inside a cell (one cell per line, PDF text)
    '社会公益', '社会公', '益组织', '法律服务', '法律服', '务机构', '商业', '企业', '科研', '机构', '组织',
    '结果', '维持', '纠正', '尚未', '审结',
]
column_labels = {
    'comment': 'column headers of tables 二/三/四 (a whole cell or a space-separated word in PDF text)',
    'match': B0 + '(?:' + '|'.join(COLS) + r')(?=[ \t\x{00A0}\x{3000}|]|$)',
    'name': 'variable.other.property.column-label.ogi-report',
}

cells = [
    {'comment': 'a number that is a whole tab- or pipe-separated cell (or a whole line), NBSP/U+3000 around it allowed',
     'match': r'(?:^|(?<=[\t|]))' + SP + r'*(' + NUM + r')' + SP + r'*(?=[\t|]|$)',
     'captures': {'1': {'name': 'constant.numeric.cell.ogi-report'}}},
    {'comment': 'a run of space-separated numbers (PDF text): a number followed by another number (or a / - 无 placeholder cell) or by the end of the line',
     'match': r'(?:^|(?<=[ \x{00A0}\x{3000}]))(' + NUM + r')(?=' + SP + r'+(?:[-+＋－]?' + D + r'|(?:[/／—–-]+|无)(?=' + SP + r'|$))|' + SP + r'*$)',
     'captures': {'1': {'name': 'constant.numeric.cell.ogi-report'}}},
]

separators = [
    {'match': r'(?<=\|)' + SP + r'*:?-{3,}:?' + SP + r'*(?=\|)', 'name': 'punctuation.separator.table.ogi-report'},
    {'match': r'\|', 'name': 'punctuation.separator.table.ogi-report'},
]

prose_number = {
    'comment': 'a count in prose (8件, 240 条, 15.36万元): restates table numbers; years and dates are left alone',
    'match': r'(?<![0-9０-９.．])' + D + r'+(?:[.．]' + D + r'+)?(?=' + SP + r'?(?:万元|人次|件|条|项|次|篇|个|人|元|份|场|家|名|余|批))',
    'name': 'constant.numeric.prose.ogi-report',
}

grammar = {
    'name': 'OGI Report',
    'scopeName': 'text.ogi-report',
    'comment': ('政府信息公开工作年度报告 (open-government-information annual reports) as plain text: section headings, '
                'sub-headings, table captions, statutory row/column labels, cell numbers and paste noise. '
                'Every regex is linear-time: no nested unbounded quantifiers; unbounded repetition only of a single '
                'character class, anchored (^) or behind a lookbehind so that each run is scanned once; everything '
                'else bounded ({0,n}). test/unit/grammar.test.ts times 200 KB lines.'),
    'patterns': [
        {'include': '#section-heading'},
        {'include': '#title'},
        {'include': '#row-label'},
        {'include': '#subheading'},
        {'include': '#noise'},
        {'include': '#reconciliation'},
        {'include': '#caption'},
        {'include': '#column-label'},
        {'include': '#cell-number'},
        {'include': '#separator'},
        {'include': '#prose-number'},
    ],
    'repository': {
        'section-heading': {'patterns': section_rules},
        'title': title,
        'subheading': subheading,
        'noise': {'patterns': noise},
        'reconciliation': reconciliation,
        'caption': caption,
        'row-label': {'patterns': row_labels},
        'column-label': column_labels,
        'cell-number': {'patterns': cells},
        'separator': {'patterns': separators},
        'prose-number': prose_number,
    },
}

import os
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'syntaxes', 'ogi-report.tmLanguage.json')
with open(out, 'w', encoding='utf-8') as f:
    json.dump(grammar, f, ensure_ascii=False, indent=2)
    f.write('\n')
print('wrote', out)
