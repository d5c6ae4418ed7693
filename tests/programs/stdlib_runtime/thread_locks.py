# _thread locks on the one thread pyrs runs: acquire/release, non-blocking and timed
# attempts, RLock recursion and ownership, errors.
import _thread

lock = _thread.allocate_lock()
print(type(lock) is _thread.LockType, lock.locked())
print(lock.acquire(), lock.locked(), lock.acquire(False), lock.acquire(timeout=0.01))
lock.release()
print(lock.locked())
try:
    lock.release()
except RuntimeError as e:
    print("RuntimeError:", e)
with lock:
    print("inside", lock.locked())
print("after", lock.locked())
for args, kwargs in [((False, 1), {}), ((), {"timeout": -5})]:
    try:
        lock.acquire(*args, **kwargs)
    except ValueError as e:
        print("ValueError:", e)

r = _thread.RLock()
print(r.acquire(), r.acquire(), r._is_owned(), r._recursion_count())
r.release()
print(r._recursion_count())
r.release()
print(r._is_owned())
try:
    r.release()
except RuntimeError as e:
    print("RuntimeError:", e)
with r:
    with r:
        print("nested", r._recursion_count())

print(isinstance(_thread.get_ident(), int), _thread.get_ident() == _thread.get_ident())
print(_thread._count(), _thread.error is RuntimeError, _thread.TIMEOUT_MAX > 0)


class Local(_thread._local):
    pass


loc = Local()
loc.x = 5
print(loc.x, hasattr(loc, "y"))
