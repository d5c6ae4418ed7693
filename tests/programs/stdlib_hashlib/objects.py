# The hash objects of _md5, _sha1, _sha2, _sha3 and _blake2: attributes, copies and errors.
import _md5, _sha1, _sha2, _sha3, _blake2
for m in (_md5, _sha1, _sha2, _blake2):
    print(m.__name__, sorted(n for n in dir(m) if not n.startswith('__')))
print(_sha3.sha3_256, _blake2.blake2b, _md5.MD5Type, _sha2.SHA512Type)
s = _sha3.sha3_256(); print(s._capacity_bits, s._rate_bits, s._suffix, _sha3.shake_128()._suffix)
print(_blake2.blake2b.MAX_KEY_SIZE, _blake2.blake2s.SALT_SIZE, _blake2.blake2s.MAX_DIGEST_SIZE, _blake2.BLAKE2B_PERSON_SIZE)
def t(f, *a, **k):
    try:
        r = f(*a, **k)
        print('ok', r.hexdigest() if hasattr(r, 'hexdigest') and not hasattr(r, '_suffix') or hasattr(r, 'name') and r.name.startswith('sha3') else r)
    except Exception as e:
        print(type(e).__name__, e)
t(_md5.md5, 'x'); t(_md5.md5, 1); t(_md5.md5, string=b'a'); t(_md5.md5, b'a', string=b'a'); t(_md5.md5, data=b'a')
t(_md5.md5, b'a', usedforsecurity=False); t(_md5.md5().update, 'x'); t(_md5.md5().update); t(_md5.md5().digest, 1)
t(_sha2.sha256().digest, 1); t(_sha2.sha512().update, 1); t(_sha1.sha1().hexdigest, 1)
t(_sha3.shake_128().digest); t(_sha3.shake_128().digest, -1); t(_sha3.shake_128().digest, 2**70); t(_sha3.shake_128().hexdigest, 1.0)
t(_sha3.shake_128().digest, length=3); t(_sha3.sha3_224, b'a', b'b'); t(_sha3.sha3_224, data=b'a'); t(_sha3.sha3_256().update)
t(_sha3.sha3_224, b'a', usedforsecurity=False); t(_sha3.shake_256(b'x').hexdigest, 4)
for kw in [dict(digest_size=0), dict(digest_size=65), dict(key=b'x' * 65), dict(salt=b'x' * 17), dict(person=b'x' * 17),
           dict(fanout=256), dict(depth=0), dict(node_offset=-1), dict(inner_size=65), dict(leaf_size=-1), dict(node_depth=256),
           dict(leaf_size=2**32), dict(digest_size='x'), dict(key='x'), dict(data=b'a'), dict(string=b'a')]:
    t(_blake2.blake2b, **kw)
t(_blake2.blake2s, key=b'x' * 33); t(_blake2.blake2s, node_offset=2**48); t(_blake2.blake2s, node_offset=2**48 - 1)
t(_blake2.blake2b, b'a', b'b'); t(_blake2.blake2s, 'abc'); t(_blake2.blake2s, digest_size=33)
try:
    _md5.MD5Type()
except TypeError as e:
    print(e)
h = _blake2.blake2s(b'abc', digest_size=10); c = h.copy(); print(c.digest_size, c.hexdigest(), c.name, c.block_size)
