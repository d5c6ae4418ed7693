# input() with stdin at end of file raises EOFError; the prompt is written first.
try:
    input("prompt> ")
except EOFError as e:
    print()
    print(type(e).__name__, e)
