# KeyboardInterrupt is a BaseException: "except Exception" does not catch it, a bare except does.
try:
    try:
        raise KeyboardInterrupt("simulated")
    except Exception:
        print("not here")
except BaseException as e:
    print("caught", type(e).__name__, e, isinstance(e, Exception))
try:
    raise KeyboardInterrupt
except:
    print("bare except caught it")
