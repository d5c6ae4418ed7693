# Carets under subscripts of nested containers.
config = {"servers": [{"host": "a", "ports": [80]}]}
print(config["servers"][0]["ports"][0])
print(config["servers"][0]["ports"][3])
