# try/except/else/finally: which clauses run, in what order, for each outcome.
def run(action):
    try:
        print(" try")
        if action == "raise":
            raise ValueError("v")
        if action == "return":
            return "returned"
    except ValueError as e:
        print(" except", e)
        return "from except"
    else:
        print(" else")
    finally:
        print(" finally")
    return "end"


for action in ["ok", "raise", "return"]:
    print(action, "->", run(action))
