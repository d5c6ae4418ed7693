import sibling
print(sibling.VALUE)
