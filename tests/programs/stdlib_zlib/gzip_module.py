# gzip over zlib: reading CPython-made gzip data, and writing then reading files in memory.
import gzip
import io
import zlib

made = bytes.fromhex('1f8b08000000000002ff4bafca2c5048492c4954481f658d1016000726ec7bf4010000')
print(gzip.decompress(made) == b'gzip data ' * 50)
print(gzip.decompress(made + made) == b'gzip data ' * 100)
with gzip.GzipFile(fileobj=io.BytesIO(made)) as f:
    print(f.read(20), f.read(5), len(f.read()))
buf = io.BytesIO()
with gzip.GzipFile(fileobj=buf, mode='wb', mtime=0, filename='x.txt') as f:
    f.write(b'first line\n')
    f.write(b'second line\n' * 1000)
raw = buf.getvalue()
print(raw[:3], raw[3], raw[10:16])
with gzip.GzipFile(fileobj=io.BytesIO(raw)) as f:
    lines = f.readlines()
print(len(lines), lines[0], lines[-1])
print(gzip.decompress(gzip.compress(b'abc' * 1000)) == b'abc' * 1000)
print(zlib.decompress(gzip.compress(b'xyz', mtime=0), 31))
try:
    gzip.decompress(made[:-5])
except EOFError as e:
    print('EOFError', e)
try:
    gzip.decompress(b'not gzip data')
except gzip.BadGzipFile as e:
    print('BadGzipFile', e)
