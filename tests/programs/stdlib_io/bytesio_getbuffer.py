# BytesIO.getbuffer(): a writable view of the stream's bytes; while it is alive the stream
# cannot change size.
import io

b = io.BytesIO(b"abc")
m = b.getbuffer()
print(bytes(m), m.readonly, len(m))
m[0] = 120
print(b.getvalue())
for f in (lambda: b.write(b"z"), lambda: b.truncate(1), lambda: b.close(), lambda: b.seek(0)):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
m.release()
b.write(b"Q")
print(b.getvalue(), b.tell())
b.close()
try:
    b.getbuffer()
except ValueError as e:
    print("ValueError", e)
with io.BytesIO() as b2:
    b2.write(b"hello")
    with b2.getbuffer() as view:
        print(view.tobytes(), view[1:3].tobytes())
    b2.write(b"!")
    print(b2.getvalue())
