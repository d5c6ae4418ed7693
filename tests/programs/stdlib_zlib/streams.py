# zlib: decompression of CPython-made data (one-shot, streaming, gzip, raw), round trips, flushes and errors.
import zlib
# Compressed data recorded from CPython's zlib (level 6), so every interpreter reads the same bytes.
data = b'hello world ' * 100
comp = bytes.fromhex('789ccb48cdc9c95728cf2fca4951c818658fb247d9a3ec41cc0600aea4c080')
gz = zlib.compress(data, wbits=31)
print(zlib.decompress(comp) == data, zlib.decompress(gz, 31) == data, zlib.decompress(gz, 47) == data, zlib.decompress(comp, 0) == data)
d = zlib.decompressobj()
out = d.decompress(comp[:10]) + d.decompress(comp[10:] + b'tail')
print(out == data, d.eof, d.unused_data, d.unconsumed_tail)
print(d.decompress(b'more'), d.unused_data)
d = zlib.decompressobj()
parts = []
chunk = d.decompress(comp, 100)
while chunk:
    parts.append(chunk)
    chunk = d.decompress(d.unconsumed_tail, 100)
print(b''.join(parts) == data, [len(p) for p in parts][:3], d.eof, d.unconsumed_tail)
d = zlib.decompressobj(); x = d.decompress(comp[:-3]); print(d.eof, d.flush() == b'', d.eof)
d = zlib.decompressobj(); x = d.decompress(comp, 50); y = d.flush(); print(len(x), x + y == data, d.eof, d.unconsumed_tail)
d = zlib.decompressobj(); d.decompress(comp[:20]); e = d.copy(); print((d.decompress(comp[20:]) == e.decompress(comp[20:])), e.eof)
c = zlib.compressobj(9, zlib.DEFLATED, -15)
raw = c.compress(data) + c.flush()
print(zlib.decompress(raw, -15) == data)
c = zlib.compressobj(); s = c.compress(b'abc') + c.flush(zlib.Z_SYNC_FLUSH); d = zlib.decompressobj(); print(d.decompress(s), d.eof)
s2 = c.compress(b'def') + c.flush(zlib.Z_FULL_FLUSH); print(d.decompress(s2)); s3 = c.flush(); print(d.decompress(s3), d.eof, c.flush(zlib.Z_NO_FLUSH) if False else '')
def t(f, *a, **k):
    try:
        r = f(*a, **k)
        print('ok', repr(r)[:60])
    except Exception as e:
        print(type(e).__name__, e)
t(zlib.decompress, b'abc'); t(zlib.decompress, b'x\x9c'); t(zlib.decompress, comp[:-1]); t(zlib.decompress, comp[:-4] + b'xxxx')
t(zlib.decompress, b'', wbits=99); t(zlib.compress, b'', level=10); t(zlib.compress, b'', wbits=99); t(zlib.compressobj, level=10)
t(zlib.decompressobj, wbits=99); t(zlib.decompress, b'x\x9c\x07'); t(zlib.decompress, b'x\x9c\x01\x05\x00\x00\x00')
t(zlib.decompress, 'abc'); t(zlib.compress, 'abc'); t(zlib.decompress, comp + b'extra'); t(zlib.decompress, comp, bufsize=-1)
t(zlib.decompress, comp, bufsize=0); t(zlib.decompress, b'\x1f\x8b\x09', 31); t(zlib.decompress, b'x\x9c', 31)
t(zlib.decompress, b'\x78\x9d'); t(zlib.decompress, b'\x88\x98', 15); t(zlib.decompress, b'\x78\x9c', 9); t(zlib.decompress, gz[:-1], 31)
t(zlib.decompress, gz[:-8] + b'\x00' * 8, 31); t(zlib.decompress, gz[:-4] + b'\x00' * 4, 31)
t(zlib.decompressobj().decompress, comp, -1); t(zlib.decompressobj().flush, 0)
c = zlib.compressobj(); c.compress(b'a'); c.flush(); t(c.compress, b'x'); t(c.flush)
print(zlib.compressobj().flush(zlib.Z_NO_FLUSH), zlib.compress(b''), zlib.compress(b'a', 0), zlib.compress(b'abc', wbits=-9))
print(zlib.adler32(b'x', -1), zlib.crc32(b'x', 2**40 + 5), zlib.MAX_WBITS, zlib.Z_BEST_COMPRESSION)
zd = zlib._ZlibDecompressor()
print(zd.needs_input, zd.eof, zd.decompress(comp[:15]), zd.needs_input)
r = zd.decompress(comp[15:] + b'zz'); print(r == data, zd.eof, zd.unused_data, zd.needs_input)
t(zd.decompress, b'x')
