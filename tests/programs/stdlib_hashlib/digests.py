# hashlib and hmac over the built-in hash modules: digests of several sizes, chunked updates, copies.
import hashlib, hmac
data = [b'', b'abc', b'x' * 1000, bytes(range(256)) * 3]
for name in ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512', 'sha3_224', 'sha3_256', 'sha3_384', 'sha3_512', 'blake2b', 'blake2s']:
    for d in data:
        h = hashlib.new(name, d)
        print(name, len(d), h.hexdigest(), h.digest_size, h.block_size, h.name)
    h = getattr(hashlib, name)()
    for chunk in [b'a', b'b' * 200, b'c' * 63, b'd' * 129]:
        h.update(chunk)
    c = h.copy(); c.update(b'more')
    print(name, h.hexdigest(), c.hexdigest(), h.digest() == bytes.fromhex(h.hexdigest()))
for name in ['shake_128', 'shake_256']:
    h = hashlib.new(name, b'abc')
    print(name, h.hexdigest(10), h.digest(0), len(h.digest(300)), h.digest_size, h.block_size)
print(hashlib.blake2b(b'x', digest_size=20, key=b'k', salt=b's', person=b'p').hexdigest())
print(hashlib.blake2s(b'hi', fanout=2, depth=3, leaf_size=5, node_offset=7, node_depth=1, inner_size=16, last_node=True).hexdigest())
print(hashlib.blake2b(b'hi', fanout=2, depth=3, leaf_size=5, node_offset=7, node_depth=1, inner_size=16, last_node=True).hexdigest())
print(hashlib.blake2b(key=b'k' * 64).hexdigest(), hashlib.blake2s(b'y' * 64, key=b'k' * 32, digest_size=7).hexdigest())
print(hmac.new(b'key', b'msg', 'sha256').hexdigest(), hmac.digest(b'key', b'msg', 'md5').hex())
print(hmac.compare_digest(b'a', b'a'), sorted(hashlib.algorithms_guaranteed))
import io
print(hashlib.file_digest(io.BytesIO(b'file data' * 1000), 'sha256').hexdigest())
