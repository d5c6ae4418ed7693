# coding: nonsense
