# binascii encoders and decoders on every byte value, and base64 on top of them.
import base64
import binascii

data = bytes(range(256)) * 3
for n in range(0, 12):
    chunk = data[n * 7:n * 7 + n]
    b64 = binascii.b2a_base64(chunk)
    uu = binascii.b2a_uu(chunk)
    qp = binascii.b2a_qp(chunk)
    print(n, b64, uu, qp, binascii.hexlify(chunk, b' ', 2))
    assert binascii.a2b_base64(b64) == chunk
    assert binascii.a2b_uu(uu) == chunk
    assert binascii.a2b_qp(qp) == chunk
    assert binascii.unhexlify(binascii.hexlify(chunk)) == chunk
enc = binascii.b2a_qp(data)
print(len(enc), binascii.a2b_qp(enc) == data)
enc = binascii.b2a_qp(data, quotetabs=True, istext=False, header=True)
print(len(enc), binascii.a2b_qp(enc, header=True) == data)
text = b'line one \t\nline two\r\n.\nFrom here\n' + b'word ' * 30 + b'\n'
print(binascii.b2a_qp(text))
print(binascii.b2a_qp(text, header=True))
print(binascii.crc32(data), binascii.crc32(data[:100], binascii.crc32(data[100:])), binascii.crc_hqx(data, 0xffff))
print(base64.b64encode(data[:40]), base64.urlsafe_b64encode(b'\xfb\xff\xfe'), base64.b64decode(b'aGVsbG8='))
print(base64.standard_b64decode('aGk='), base64.encodebytes(data[:100]))
print(base64.b16encode(b'\x01\xab'), base64.b16decode(b'01AB'), base64.b32encode(b'hello'), base64.b32decode(b'NBSWY3DP'))
try:
    base64.b64decode(b'abc')
except binascii.Error as e:
    print('Error', e)
try:
    base64.b64decode(b'ab!c', validate=True)
except binascii.Error as e:
    print('Error', e)
