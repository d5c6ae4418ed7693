# zipfile over zlib and binascii: reading a CPython-made archive (deflated and stored members), and writing then reading one in memory.
import io
import zipfile

made = bytes.fromhex('504b030414000000080083182250093af2540b000000f000000005000000612e7478744bcc29c84854481c312400504b03041400000000000539a652ff790cb53200000032000000090000006469722f622e62696e000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f3031504b0102140314000000080083182250093af2540b000000f0000000050000000000000000000000800100000000612e747874504b010214031400000000000539a652ff790cb5320000003200000009000000000000000000000080012e0000006469722f622e62696e504b050600000000020002006a000000870000000000')
with zipfile.ZipFile(io.BytesIO(made)) as z:
    print(z.namelist())
    for info in z.infolist():
        print(info.filename, info.compress_type, info.file_size, info.compress_size, info.CRC, info.date_time)
    print(z.read('a.txt')[:24], len(z.read('a.txt')), z.read('dir/b.bin')[:8])
    print(z.testzip())
    with z.open('a.txt') as f:
        print(f.read(10), f.read(3))
buf = io.BytesIO()
with zipfile.ZipFile(buf, 'w', zipfile.ZIP_DEFLATED, compresslevel=9) as z:
    for n in range(5):
        info = zipfile.ZipInfo(f'file{n}.txt', (2022, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED if n % 2 else zipfile.ZIP_STORED
        z.writestr(info, f'line {n}\n'.encode() * (n * 100 + 1))
with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as z:
    for info in z.infolist():
        data = z.read(info)
        print(info.filename, info.compress_type, info.file_size, info.CRC, len(data), data[:7])
    print(z.testzip())
bad = bytearray(made)
bad[40] ^= 0xff
try:
    with zipfile.ZipFile(io.BytesIO(bytes(bad))) as z:
        z.read('a.txt')
except Exception as e:
    print(type(e).__name__, e)
