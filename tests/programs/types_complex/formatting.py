# complex formatting: repr rules and format specifications.
for z in [1 + 2j, 1.5 - 0.25j, 1e20 + 1j, -1j, 2 + 0j, complex(0.1, 0.2)]:
    print(repr(z), format(z, ""), format(z, ".2f"), format(z, "^20"), format(z, "g"))
print(f"{3 + 4j:+.1e}", "%s" % (1 + 1j), str(1j) + "!")
