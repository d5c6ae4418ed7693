# Carets under a failing call in a chained expression.
import json


def load(text):
    return json.loads(text)["items"][0]


data = {"items": []}
print(load('{"items": [1]}'))
result = load('{"items": []}')
