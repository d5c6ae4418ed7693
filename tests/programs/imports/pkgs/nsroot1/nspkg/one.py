WHERE = "one"
