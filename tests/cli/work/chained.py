def parse(text):
    return int(text)

try:
    parse("forty-two")
except ValueError as e:
    raise RuntimeError("could not read the answer") from e
