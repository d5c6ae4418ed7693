from circ_b import B
A = 1
