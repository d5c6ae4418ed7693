# Regular expressions: compiling, searching with literal prefixes and charsets, backtracking
# groups, findall/finditer/split, sub with templates and functions, case-insensitive matching.
import re

words = ["alpha", "Beta", "gamma42", "delta_x", "EPSILON", "zeta", "eta9", "theta"]
text = " ".join(words[i % len(words)] + str(i % 97) for i in range(60_000))
lines = [f"{i:05d} user{i % 311}@host{i % 17}.example.org GET /p/{i % 1000} 200" for i in range(15_000)]

total = 0
word = re.compile(r"\b[A-Za-z_]+\d*\b")
total += len(word.findall(text))
total += sum(1 for _ in re.finditer(r"(?i)eta\d+", text))
total += len(re.split(r"\s+", text))
log = re.compile(r"^(\d+) (\w+)@([\w.]+) (GET|POST) (\S+) (\d{3})$")
hosts = {}
for line in lines:
    m = log.match(line)
    if m:
        hosts[m.group(3)] = hosts.get(m.group(3), 0) + int(m.group(6))
total += sum(hosts.values())
total += len(re.sub(r"(\w+)@(\w+)", r"\2 at \1", "\n".join(lines)))
total += len(re.sub(r"\d+", lambda m: str(len(m.group())), text))
for i in range(8_000):
    if re.search("host%d\\.example" % (i % 20), lines[i]):
        total += 1
total += len(re.findall(r"(?:a|b|c|d)+", "abcdx" * 60_000))
print(total, len(hosts))
