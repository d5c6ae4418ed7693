VALUE = "sibling found"
