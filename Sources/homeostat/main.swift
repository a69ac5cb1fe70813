print("homeostat")
