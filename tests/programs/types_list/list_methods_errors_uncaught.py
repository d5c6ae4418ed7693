# An uncaught ValueError from list.remove: message names the operation.
queue = ["a", "b"]
queue.remove("a")
print(queue)
queue.remove("z")
