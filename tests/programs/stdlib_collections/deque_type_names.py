# Error messages that name the deque type as CPython's C type does ('collections.deque').
from collections import deque

try:
    deque([1]) < [1]
except TypeError as e:
    print(e)
try:
    hash(deque())
except TypeError as e:
    print(e)
