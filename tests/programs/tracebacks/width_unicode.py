# Carets under a line with non-ASCII characters before the failing expression.
données = {"clé": 1}
print(données["clé"])
print("é" + données["clé"])
