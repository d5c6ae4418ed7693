# Importing pure-Python standard library modules and using one function of each.
import collections
import string
import textwrap
import re
import json
print(collections.Counter("abracadabra").most_common(2), collections.OrderedDict(a=1), collections.deque([1, 2], maxlen=2))
print(string.ascii_lowercase[:5], textwrap.wrap("the quick brown fox jumps", 10), re.findall(r"\d+", "a1b22c333"))
print(json.dumps({"b": [1, 2.5, None, True], "a": "é"}, sort_keys=True), json.loads('{"x": [1, {"y": null}]}'))
nt = collections.namedtuple("P", "x y")
print(nt(1, 2), nt(1, 2)._asdict(), nt._fields)
