# sys.stdout.buffer and sys.stderr.buffer: the binary layer under the text streams.
import sys

b = sys.stdout.buffer
print(type(b).__name__, b.name, b.mode, b.closed, b.writable(), b.readable())
print(sys.stderr.buffer, b.fileno(), b.isatty(), b is sys.stdout.buffer)
sys.stdout.flush()
print(b.write(b"bytes\n"), b.write(bytearray(b"bytearray\n")), b.write(memoryview(b"view\n")))
sys.stdout.flush()
b.write("\u00e9t\u00e9 in latin-1\n".encode("latin-1"))
b.flush()
sys.stderr.buffer.write(b"to stderr\n")
for bad in ("text", 3, None):
    try:
        b.write(bad)
    except TypeError as e:
        print(e)
print("end")
