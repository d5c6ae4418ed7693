# An uncaught KeyError: its message is the repr of the key.
config = {"host": "localhost", "port": 8080}
print(config["host"])
print(config["user name"])
