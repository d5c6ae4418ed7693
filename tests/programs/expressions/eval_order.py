# Evaluation order: left to right for operands, arguments, dict displays, assignments (value first).
def t(label, value=None):
    print("eval", label)
    return value if value is not None else label


print(t("a") + t("b") * t("c", 2))
print(t("f", print)(t("arg1"), t("arg2")))
d = {t("k1"): t("v1"), t("k2"): t("v2")}
lst = [0, 0]
lst[t("index", 0)] = t("value")
t("obj", {})[t("key")] = t("val")
x = t("x1") if t("cond", 1) else t("x2")
