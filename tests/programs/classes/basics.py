# Classes: __init__, methods, class and static methods, properties, instance counters.
class Account:
    interest = 0.02
    opened = 0

    def __init__(self, owner, balance=0):
        self.owner = owner
        self._balance = balance
        Account.opened += 1

    def deposit(self, amount):
        if amount <= 0:
            raise ValueError("amount must be positive")
        self._balance += amount
        return self

    @property
    def balance(self):
        return self._balance

    @classmethod
    def from_string(cls, text):
        owner, balance = text.split(":")
        return cls(owner, int(balance))

    @staticmethod
    def describe():
        return "an account"

    def __repr__(self):
        return f"Account({self.owner!r}, {self._balance})"


a = Account("ann").deposit(50).deposit(25)
b = Account.from_string("bob:10")
print(a, b, a.balance, Account.opened, Account.describe(), a.describe(), b.interest)
try:
    a.deposit(-1)
except ValueError as e:
    print(type(e).__name__, e)
try:
    a.balance = 5
except AttributeError as e:
    print(type(e).__name__, e)
