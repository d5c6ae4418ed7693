# time: clocks move forward, sleep waits, struct_time and formatting of fixed timestamps
# (in UTC), argument errors.
import time

a = time.monotonic()
time.sleep(0.02)
b = time.monotonic()
print(0.015 < b - a < 1.0, time.perf_counter() <= time.perf_counter())
print(type(time.time()), type(time.time_ns()), type(time.monotonic_ns()), time.process_time() >= 0)
print(abs(time.time() - time.time_ns() / 1e9) < 1.0)
t = time.gmtime(0)
print(t)
print(t.tm_year, t[0], len(t), t.tm_zone, t.tm_gmtoff, tuple(t)[:3])
print(time.gmtime(1e9))
print(time.strftime("%Y-%m-%d %H:%M:%S %a %A %b %B %j %U %w %y %%", time.gmtime(1234567890)))
print(time.strftime("%Z %z", time.gmtime(0)))
print(time.asctime(time.gmtime(0)), "|", time.asctime((2024, 2, 29, 13, 5, 9, 3, 60, 0)))
st = time.struct_time((2020, 1, 2, 3, 4, 5, 6, 7, 0))
print(st, st.tm_mday, time.struct_time.n_fields, time.struct_time.n_sequence_fields)
print(time.mktime(time.localtime(1000)) == 1000.0)
print(time.get_clock_info("monotonic").monotonic, time.get_clock_info("time").adjustable)
for bad in [lambda: time.sleep(-1), lambda: time.sleep("x"), lambda: time.gmtime("x"),
            lambda: time.struct_time((1, 2)), lambda: time.get_clock_info("nope"),
            lambda: time.strftime("%Y", (2020, 13, 1, 0, 0, 0, 0, 1, 0))]:
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__ + ":", e)
