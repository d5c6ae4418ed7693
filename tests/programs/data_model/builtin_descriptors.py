# The descriptors of built-in types: reprs and __qualname__ of method, getset and classmethod
# descriptors (a type of a module other than builtins is named with its module), and their
# errors for objects of the wrong type, unbound calls and assignment.
import collections
import io
import _csv

for t, name in [(collections.deque, 'append'), (collections.deque, 'maxlen'), (io.StringIO, 'getvalue'),
                (io.StringIO, 'closed'), (dict, 'fromkeys'), (list, 'append'), (int, 'real'),
                (_csv.Dialect, 'delimiter')]:
    d = t.__dict__[name]
    print(repr(d), getattr(d, '__qualname__', None))
    for f in (lambda: d.__get__(1), lambda: d.__set__(1, 2), lambda: d(), lambda: d.__get__(None, int),
              lambda: setattr(t.__new__(t), name, 5)):
        try:
            print(' ', f())
        except Exception as e:
            print(' ', type(e).__name__, e)
