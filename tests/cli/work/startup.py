print("startup file ran"); greeting = "hello"
