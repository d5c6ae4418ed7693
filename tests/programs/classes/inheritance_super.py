# Inheritance and zero-argument super() in methods, classmethods and __init__ chains.
class Animal:
    def __init__(self, name):
        self.name = name

    def speak(self):
        return f"{self.name} makes a sound"

    @classmethod
    def create(cls, name):
        return cls(name)


class Dog(Animal):
    def __init__(self, name, breed="mutt"):
        super().__init__(name)
        self.breed = breed

    def speak(self):
        return super().speak() + " (woof)"

    @classmethod
    def create(cls, name):
        obj = super().create(name)
        obj.created_by = cls.__name__
        return obj


d = Dog.create("rex")
print(d.speak(), d.breed, d.created_by, isinstance(d, Animal), Dog.__bases__, Dog.__base__)
print(super(Dog, d).speak(), Animal.speak(d))
