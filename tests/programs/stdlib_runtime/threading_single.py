# threading on _thread: the main thread, locks, conditions, events, thread-local data, a
# thread object that is not started.
import threading
print(threading.current_thread().name, threading.main_thread() is threading.current_thread())
print(threading.active_count(), threading.get_ident() == threading.main_thread().ident)
lock = threading.Lock(); rlock = threading.RLock(); cond = threading.Condition(); ev = threading.Event()
with lock, rlock, cond:
    print("locked", lock.locked())
print(ev.is_set(), ev.wait(0.01)); ev.set(); print(ev.wait())
loc = threading.local(); loc.x = 1; print(loc.x)
t = threading.Thread(target=print, args=("in thread",))
print(t.is_alive(), t.daemon, t.name.startswith("Thread-"))
