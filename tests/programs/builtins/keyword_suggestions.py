# An unexpected keyword argument names the closest parameter ("Did you mean"), for Python
# functions and built-in ones alike, when one is close enough.
import itertools
import collections


def f(file, *, key=None):
    pass


tests = [
    lambda: f(filx=1), lambda: f(1, kye=2), lambda: f(1, zzzzzz=3),
    lambda: sorted([], kye=1), lambda: sorted([], revrse=True), lambda: [].sort(revrse=True),
    lambda: int('1', bsae=2), lambda: print(1, sepp=''), lambda: open('x', mdoe='r'),
    lambda: max([1], kye=len), lambda: min([1], defalt=2), lambda: 'a'.split(sepp=','),
    lambda: 'a'.encode(encodng='x'), lambda: int.from_bytes(b'', bytorder='big'),
    lambda: (lambda: 0).__code__.replace(co_nme='x'), lambda: open('/dev/null', bufferng=1),
    lambda: __import__('os').stat('.', follow_symlnks=True), lambda: 'a'.splitlines(keepend=1),
    lambda: 'abc'.expandtabs(tabsiz=4),
]
for t in tests:
    try:
        t()
        print('no error')
    except TypeError as e:
        print(e)
