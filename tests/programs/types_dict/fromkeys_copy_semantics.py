# dict.fromkeys shares one value object; copy is shallow; deepcopy is not.
import copy
d = dict.fromkeys(["a", "b"], [])
d["a"].append(1)
print(d)
orig = {"k": [1, 2], "n": {"x": 1}}
shallow = orig.copy()
deep = copy.deepcopy(orig)
orig["k"].append(3)
orig["n"]["x"] = 99
print(shallow, deep)
