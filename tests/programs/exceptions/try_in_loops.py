# try statements inside loops with continue and break in every clause.
for i in range(5):
    try:
        if i == 1:
            continue
        if i == 3:
            raise ValueError(i)
        print("try", i)
    except ValueError as e:
        print("except", e)
        continue
    else:
        print("else", i)
    finally:
        print("finally", i)
while True:
    try:
        break
    finally:
        print("finally on break")
