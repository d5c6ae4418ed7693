# pdb driven by a scripted command list (stdin and stdout given as objects).
import io
import os
import pdb

def compute(n):
    acc = []
    for i in range(n):
        acc.append(i * i)
    result = sum(acc)
    return result

def main():
    value = compute(3)
    return value + 1

commands = io.StringIO('\n'.join([
    'step',
    'step',
    'next',
    'p n',
    'next',
    'next',
    'p acc',
    'where',
    'until 9',
    'p result if "result" in dir() else None',
    'return',
    'p result',
    'up',
    'p compute.__name__',
    'down',
    'continue',
]) + '\n')
out = io.StringIO()
p = pdb.Pdb(stdin=commands, stdout=out, nosigint=True, readrc=False)
p.use_rawinput = False
print('result', p.runcall(main))
for line in out.getvalue().splitlines():
    print(line.replace(os.path.abspath(__file__), 'FILE'))
