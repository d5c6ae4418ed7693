def long_jump(flag):
    if flag:
        v0 = flag + 0
        v1 = flag + 1
        v2 = flag + 2
        v3 = flag + 3
        v4 = flag + 4
        v5 = flag + 5
        v6 = flag + 6
        v7 = flag + 7
        v8 = flag + 8
        v9 = flag + 9
        v10 = flag + 10
        v11 = flag + 11
        v12 = flag + 12
        v13 = flag + 13
        v14 = flag + 14
        v15 = flag + 15
        v16 = flag + 16
        v17 = flag + 17
        v18 = flag + 18
        v19 = flag + 19
        v20 = flag + 20
        v21 = flag + 21
        v22 = flag + 22
        v23 = flag + 23
        v24 = flag + 24
        v25 = flag + 25
        v26 = flag + 26
        v27 = flag + 27
        v28 = flag + 28
        v29 = flag + 29
        v30 = flag + 30
        v31 = flag + 31
        v32 = flag + 32
        v33 = flag + 33
        v34 = flag + 34
        v35 = flag + 35
        v36 = flag + 36
        v37 = flag + 37
        v38 = flag + 38
        v39 = flag + 39
        v40 = flag + 40
        v41 = flag + 41
        v42 = flag + 42
        v43 = flag + 43
        v44 = flag + 44
        v45 = flag + 45
        v46 = flag + 46
        v47 = flag + 47
        v48 = flag + 48
        v49 = flag + 49
        v50 = flag + 50
        v51 = flag + 51
        v52 = flag + 52
        v53 = flag + 53
        v54 = flag + 54
        v55 = flag + 55
        v56 = flag + 56
        v57 = flag + 57
        v58 = flag + 58
        v59 = flag + 59
        v60 = flag + 60
        v61 = flag + 61
        v62 = flag + 62
        v63 = flag + 63
        v64 = flag + 64
        v65 = flag + 65
        v66 = flag + 66
        v67 = flag + 67
        v68 = flag + 68
        v69 = flag + 69
        v70 = flag + 70
        v71 = flag + 71
        v72 = flag + 72
        v73 = flag + 73
        v74 = flag + 74
        v75 = flag + 75
        v76 = flag + 76
        v77 = flag + 77
        v78 = flag + 78
        v79 = flag + 79
        v80 = flag + 80
        v81 = flag + 81
        v82 = flag + 82
        v83 = flag + 83
        v84 = flag + 84
        v85 = flag + 85
        v86 = flag + 86
        v87 = flag + 87
        v88 = flag + 88
        v89 = flag + 89
        v90 = flag + 90
        v91 = flag + 91
        v92 = flag + 92
        v93 = flag + 93
        v94 = flag + 94
        v95 = flag + 95
        v96 = flag + 96
        v97 = flag + 97
        v98 = flag + 98
        v99 = flag + 99
        v100 = flag + 100
        v101 = flag + 101
        v102 = flag + 102
        v103 = flag + 103
        v104 = flag + 104
        v105 = flag + 105
        v106 = flag + 106
        v107 = flag + 107
        v108 = flag + 108
        v109 = flag + 109
        v110 = flag + 110
        v111 = flag + 111
        v112 = flag + 112
        v113 = flag + 113
        v114 = flag + 114
        v115 = flag + 115
        v116 = flag + 116
        v117 = flag + 117
        v118 = flag + 118
        v119 = flag + 119
        v120 = flag + 120
        v121 = flag + 121
        v122 = flag + 122
        v123 = flag + 123
        v124 = flag + 124
        v125 = flag + 125
        v126 = flag + 126
        v127 = flag + 127
        v128 = flag + 128
        v129 = flag + 129
        v130 = flag + 130
        v131 = flag + 131
        v132 = flag + 132
        v133 = flag + 133
        v134 = flag + 134
        v135 = flag + 135
        v136 = flag + 136
        v137 = flag + 137
        v138 = flag + 138
        v139 = flag + 139
        v140 = flag + 140
        v141 = flag + 141
        v142 = flag + 142
        v143 = flag + 143
        v144 = flag + 144
        v145 = flag + 145
        v146 = flag + 146
        v147 = flag + 147
        v148 = flag + 148
        v149 = flag + 149
    return flag


def columns(value):
    result = value + value + value + value + value + value + value + value + value + value + value + value + value + value + value + value + value + value + value + value + value  # columns beyond 128
    other = (value +
             value)
    return (result,




            other)


def backwards(items):
    return [
        item
        for item in items
    ]




































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































late_line = 1
