# socket.socketpair with select.select, poll and epoll: data round trips, readiness,
# blocking modes and timeouts, socket options, and the errors of closed or misused objects.
import errno
import select
import selectors
import socket

a, b = socket.socketpair()
print(a.family.name, a.type.name, a.proto, int(a.family), int(a.type))
print(isinstance(a, socket.socket), isinstance(a, socket.SocketType), type(a).__mro__[1])
print(a.gettimeout(), a.getblocking(), socket.getdefaulttimeout())

# A blocking round trip, then a larger one with sendall.
print(a.send(b"hello"), b.recv(100))
a.sendall(b"x" * 5000)
got = b""
while len(got) < 5000:
    got += b.recv(1024)
print(len(got), got == b"x" * 5000)
print(b.recv(0))

# Non-blocking: nothing to read is BlockingIOError (EAGAIN).
b.setblocking(False)
print(b.gettimeout(), b.getblocking())
try:
    b.recv(10)
except BlockingIOError as e:
    print(type(e).__name__, e.errno == errno.EAGAIN)

# select.select: nothing readable yet, then b readable once a sends.
r, w, x = select.select([b], [a], [], 0)
print(r == [], w == [a], x)
a.send(b"ping")
r, w, x = select.select([b, a], [], [], 1.5)
print(r == [b], w, x)
print(b.recv(10))

# Objects with fileno() and plain descriptors are both accepted.
class Wrapper:
    def __init__(self, sock):
        self.sock = sock

    def fileno(self):
        return self.sock.fileno()

wb = Wrapper(b)
a.send(b"!")
r, _, _ = select.select([wb], [], [], 1)
print(r == [wb])
r, _, _ = select.select([b.fileno()], [], [], 1)
print(r == [b.fileno()])
print(b.recv(1))

# poll
p = select.poll()
p.register(b, select.POLLIN)
print(p.poll(0))
a.send(b"abc")
events = p.poll(1000)
print(len(events), events[0][0] == b.fileno(), events[0][1] & select.POLLIN != 0)
p.modify(b, select.POLLIN | select.POLLOUT)
events = p.poll(0)
print(events[0][1] & select.POLLOUT != 0)
print(b.recv(3))
p.unregister(b)
print(p.poll(0))
try:
    p.unregister(b)
except KeyError as e:
    print("KeyError", e.args[0] == b.fileno())
try:
    p.modify(b, select.POLLIN)
except FileNotFoundError as e:
    print(type(e).__name__, e.errno == errno.ENOENT)

# epoll
ep = select.epoll()
print(ep.closed, ep.fileno() >= 0)
ep.register(b.fileno(), select.EPOLLIN)
print(ep.poll(0))
a.send(b"epoll")
events = ep.poll(1)
print(events == [(b.fileno(), select.EPOLLIN)])
try:
    ep.register(b.fileno(), select.EPOLLIN)
except FileExistsError as e:
    print(type(e).__name__, e.errno == errno.EEXIST)
ep.modify(b.fileno(), select.EPOLLIN | select.EPOLLOUT)
events = ep.poll(0, 1)
print(events == [(b.fileno(), select.EPOLLIN | select.EPOLLOUT)])
ep.unregister(b.fileno())
print(ep.poll(0))
try:
    ep.poll(0, 0)
except ValueError as e:
    print("ValueError", e)
print(b.recv(10))
ep.close()
ep.close()
print(ep.closed)
for call in (ep.fileno, lambda: ep.poll(0), lambda: ep.register(b.fileno())):
    try:
        call()
    except ValueError as e:
        print("ValueError", e)
with select.epoll() as ep2:
    print(ep2.closed)
print(ep2.closed)

# selectors on top of them
sel = selectors.DefaultSelector()
print(type(sel).__name__)
key = sel.register(b, selectors.EVENT_READ, data="b")
print(sel.select(0))
a.send(b"sel")
ready = sel.select(1)
print([(k.data, ev) for k, ev in ready])
print(b.recv(3))
sel.unregister(b)
sel.close()

# Timeouts
b.settimeout(0.05)
print(b.gettimeout(), b.getblocking(), b.timeout)
try:
    b.recv(10)
except TimeoutError as e:
    print(type(e).__name__, e, socket.timeout is TimeoutError)
b.settimeout(None)
print(b.gettimeout(), b.getblocking())
for bad in (-1, float("nan"), "1"):
    try:
        b.settimeout(bad)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)

# Options and names
print(a.getsockopt(socket.SOL_SOCKET, socket.SO_TYPE) == socket.SOCK_STREAM)
print(a.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR))
a.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 65536)
print(a.getsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF) >= 65536)
print(len(a.getsockopt(socket.SOL_SOCKET, socket.SO_TYPE, 4)))
print(repr(a.getsockname()), repr(b.getpeername()))

# Errors
try:
    b.recv(-1)
except ValueError as e:
    print("ValueError", e)
try:
    select.select([], [], [], -1)
except ValueError as e:
    print("ValueError", e)
try:
    select.select([object()], [], [], 0)
except TypeError as e:
    print("TypeError", e)
try:
    select.select([-1], [], [], 0)
except ValueError as e:
    print("ValueError", e)
try:
    a.send("text")
except TypeError as e:
    print("TypeError", e)

# Shutdown: the peer reads end of file.
a.shutdown(socket.SHUT_WR)
print(b.recv(10))

# detach, close, and a closed socket
fd = a.detach()
print(a.fileno(), a._closed if hasattr(a, "_closed") else None)
c = socket.socket(fileno=fd)
print(c.family.name, c.type.name)
c.close()
c.close()
print(c.fileno())
try:
    c.send(b"x")
except OSError as e:
    print(type(e).__name__, e)
b.close()

# Byte order helpers
print(socket.htons(1), socket.ntohs(256), socket.htonl(1), socket.ntohl(16777216))
print(socket.has_ipv6, issubclass(socket.gaierror, OSError), socket.error is OSError)
print(socket.gaierror.__module__, socket.herror.__name__)

# A datagram pair keeps message boundaries.
d1, d2 = socket.socketpair(socket.AF_UNIX, socket.SOCK_DGRAM)
d1.send(b"one")
d1.send(b"two")
print(d2.recv(100), d2.recv(100), d2.type.name)
d1.close()
d2.close()
