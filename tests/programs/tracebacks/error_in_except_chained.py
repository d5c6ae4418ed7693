# A chained traceback printed in full: two tracebacks joined by "During handling…".
def read(settings):
    try:
        return settings["path"]
    except KeyError:
        return settings["fallback"].strip()


read({"fallback": None})
