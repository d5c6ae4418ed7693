# A bdb.Bdb subclass stepping through a small function, printing where it stops.
import bdb

class Stepper(bdb.Bdb):
    def __init__(self):
        super().__init__()
        self.stops = 0
    def user_call(self, frame, args):
        print('user_call', frame.f_code.co_name, frame.f_lineno)
        self.set_step()
    def user_line(self, frame):
        self.stops += 1
        print('user_line', frame.f_code.co_name, frame.f_lineno,
              {k: v for k, v in frame.f_locals.items() if k in ('a', 'b', 'i', 'total')})
        self.set_step()
    def user_return(self, frame, value):
        print('user_return', frame.f_code.co_name, value)
        self.set_step()
    def user_exception(self, frame, exc_info):
        print('user_exception', frame.f_code.co_name, exc_info[0].__name__)
        self.set_step()

def add(a, b):
    total = a
    for i in range(b):
        total += 1
    return total

def risky():
    try:
        {}['k']
    except KeyError:
        return 'caught'

def main():
    x = add(2, 2)
    y = risky()
    return x, y

s = Stepper()
s.runcall(main)
print('stops', s.stops)

class Breaker(bdb.Bdb):
    def user_line(self, frame):
        print('break at', frame.f_code.co_name, frame.f_lineno, frame.f_locals.get('total'))
        self.set_continue()

b = Breaker()
b.set_break(__file__, 26)
print(b.get_all_breaks())
print(b.runcall(add, 1, 3))
b.clear_all_breaks()
