# finally runs on every exit; a return or break in finally swallows the exception.
def swallow():
    try:
        raise ValueError("lost")
    finally:
        return "finally return"


def nested():
    try:
        try:
            raise KeyError("inner")
        finally:
            print("inner finally")
    except KeyError as e:
        print("caught", repr(e))
    finally:
        print("outer finally")


print(swallow())
nested()
for i in range(3):
    try:
        if i == 1:
            raise RuntimeError("broken loop")
    finally:
        if i == 1:
            break
print("loop ended at", i)
