# Every prefix, in any case, with every quote.
s = 'a', "b", '''c''', """d""", ''
r = r'\d', R"\d", b'x', B"x", br'x', Br"x", bR'x', BR"x", rb'x', rB"x", Rb'x', RB"x"
u = u'x', U"x", u'''multi
line''', rb"""raw
bytes\"""
"""
e = 'it\'s', "say \"hi\"", 'back\\', 'line\
continued'
t = """a "" b "" c""", '''x '' y'''
n = 'ab' 'cd' \
    "ef"
