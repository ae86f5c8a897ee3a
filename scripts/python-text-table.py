#!/usr/bin/env python3
"""Python's own answers for the text rules the reference relies on (str.strip, str.lower, int), written as JSON
for the tests: python3 scripts/python-text-table.py > test/fixtures/python_text.json"""
import json
import sys

ROLES_AND_ALL = ['sre', 'dev', 'manager', 'oversight', 'all']


def outcome(function, text):
    try:
        return function(text)
    except ValueError:
        return None


whitespace = [code for code in range(sys.maxunicode + 1) if chr(code).isspace()]
# Every character JavaScript's trim() or Python's strip() treats as space, alone, around a word and around a digit.
candidates = sorted(set(whitespace) | {0x1C, 0x1D, 0x1E, 0x1F, 0x85, 0xFEFF, 0x180E, 0x200B, 0x00})
strip_cases = []
int_cases = []
for code in candidates:
    c = chr(code)
    strip_cases += [c, c * 3, f'{c}dev{c}', f'{c}hello world{c}']
    int_cases += [f'{c}3', f'3{c}', f'{c}-3{c}']
int_cases += [
    '3', '+3', '-3', '007', '-0', '1_000', '1__0', '_1', '1_', '+_1', '+ 1', '1 0', '1e3', '0x10', '1.0', '', ' ',
    '\u00b2', '\u0663', '\uff13', '\U0001d7d3', '\U0001d7ff', '\u0966\u0967', '\u09e9', '\u0e53', '\u1813', '\u0663_\u0663',
    '9007199254740991', '9007199254740992', '-9007199254740993', '9' * 400, '1' + '0' * 20,
]
lower_differences = {}
for code in range(sys.maxunicode + 1):
    if 0xD800 <= code <= 0xDFFF:
        continue
    c = chr(code)
    lowered = c.lower()
    if lowered != c:
        lower_differences[code] = lowered

json.dump(
    {
        'python': sys.version.split()[0],
        'unicode': __import__('unicodedata').unidata_version,
        'whitespace': whitespace,
        'strip': [[text, text.strip()] for text in strip_cases],
        'int': [[text, outcome(int, text)] for text in int_cases],
        'lower': {str(code): lowered for code, lowered in lower_differences.items()},
        'roles_and_all': ROLES_AND_ALL,
    },
    sys.stdout,
    ensure_ascii=True,
)
sys.stdout.write('\n')
