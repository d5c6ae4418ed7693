# Inputs that would overflow a recursive matcher or backtrack for long: each finishes quickly.
import re

n = 200000
print(re.match(r"(?:a|b)*c", "ab" * n + "c").end())
print(re.match(r"(a|b)*", "ab" * n).span(), re.match(r"(?:(a)|b)*?$", "ab" * 1000).group(1))
print(len(re.findall(r"\w+", "word " * n)), len(re.sub(r"(\w)", r"\1\1", "ab" * n)))
print(re.match(r"(?:x+x+)+y", "x" * 20), re.match(r"(a+)+b", "a" * 18))
deep = "(" * 200 + "a" + ")" * 200
print(re.match(deep, "a").lastindex, len(re.match(deep, "a").groups()))
print(re.fullmatch(r"(?:a{1,100}){1,100}", "a" * 5000) is not None)
print(re.match(r"(?:a*)*b", "a" * 12), re.match(r"(?:a*)+$", "a" * 1000).span())
print(re.search(r"x(?=y)", "x" * n + "y").start(), re.search("needle", "hay" * n + "needle").start())
print(re.match(r"(?s).*?end", "a" * n + "end").end(), re.match(r".*x", "a" * n))
alt = "|".join("w%d" % i for i in range(2000))
print(re.search(alt, "zz w1999 zz").group())
