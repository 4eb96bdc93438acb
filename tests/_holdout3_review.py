"""Independent review of the feedback messages the live check gave to tests/_holdout3.py (issue 9).

The messages were those of main at f7cc301 (exported to holdout3_messages.json, not committed: the
test regenerates them). test_wrong_answers.test_holdout3_review_still_holds checks that every quote
below still occurs in the current message; a changed message needs a new review of its row.

Who: an independent reviewer (an AI helper session, Claude, started by the project session for this review),
with no stake in the result and without reading the checker's code (dlmath/grading/) or the tests.

When: 2026-12-02, between about 05:58 and 06:50 UTC.

How: for each of the 223 rows I read the exercise's markdown cell and reference solution in
/work/main/solutions/<chapter>.ipynb, read the learner's code, worked out the learner's real mistake myself, and
then read the message the learner received and judged whether it names that mistake.

Rule: a message "names" the mistake when a learner reading it would know what they did wrong (other words are
fine). A message that says only "not the right value" or "N of M entries wrong" without a reason does NOT name
it; a message that names a different mistake than the real one does NOT name it; a message that names the
consequence precisely enough that the mistake is unambiguous (e.g. "has shape (1, 3) but should be (3,)
(keepdims?)" for keepdims=True) does name it. A bare shape mismatch with no reason ("is a single number but
should be an array of shape (3,)") was judged not to name a mistake such as reducing with np.max / np.mean /
np.sum. Where a message names the real mistake but adds a wrong extra hint, the verdict is "named" and the
mistake text says "partly misleading"; where it names only a wrong mistake, the verdict is "not named" and the
mistake text starts with "misleading:".

REVIEW maps row index -> (verdict, mistake, quote): verdict is "named" or "not named"; mistake is a one-line
statement of the learner's real mistake; quote is, for "named", an exact substring (10-80 characters) of the
message that names it, and "" for "not named".

Result: 202 of 223 named (90.6 %), 21 not named.
"""

REVIEW = {
    0: (
        "named",
        "Swapped the last two sizes: wrote (2, 3, 2) instead of (2, 2, 3)",
        "The last two sizes are swapped",
    ),
    1: (
        "named",
        "Merged the last two axes into one size 6; a 3-axis shape needs three numbers",
        "this tensor has 3 axes (three opening brackets before the first number)",
    ),
    2: (
        "named",
        "Gave the total number of entries (12) instead of the shape tuple",
        "That is the number of entries (the size)",
    ),
    3: (
        "named",
        "Wrote the sizes as floats instead of ints",
        "is the float 2 but should be a whole number (an int)",
    ),
    4: (
        "named",
        "Counted np.array([[[7]]]) as 1-D; three bracket pairs make it 3-D",
        "three pairs of brackets make a 3-D tensor, even if it holds a single number",
    ),
    5: (
        "named",
        "Gave only four predictions (the fifth, for np.array([[[7]]]), is missing)",
        "Write five predictions, one per object, in the order of the list",
    ),
    6: (
        "named",
        "Used a list instead of a tuple",
        "is a list but should be a tuple",
    ),
    7: (
        "named",
        "Counted np.array([1, 2, 3]) as 3-D instead of 1-D",
        "np.array([1, 2, 3]) has one pair of brackets, so it is a 1-D vector",
    ),
    8: (
        "named",
        "Passed the three rows as three separate arguments instead of one nested list",
        "array() takes from 1 to 2 positional arguments but 3 were given",
    ),
    9: (
        "named",
        "Left out the third row [7, 8, 9] (partly misleading: the range()/slice guess does not apply)",
        "has shape (2, 3) but should be (3, 3)",
    ),
    10: (
        "named",
        "Left it as a plain Python list instead of a NumPy array",
        "is a list but should be a NumPy array: wrap it in np.array(...)",
    ),
    11: (
        "named",
        "np.arange(9) starts at 0; the matrix runs 1..9",
        "Your numbers start at 0. The matrix starts at 1",
    ),
    12: (
        "named",
        "Converted the column to a Python list instead of returning a NumPy array",
        "your result is a list but should be a NumPy array",
    ),
    13: (
        "named",
        "Cast the column to float; the dtype of M must be kept",
        "has dtype float64 but should hold integers",
    ),
    14: (
        "named",
        "M[:][j] takes row j, not column j",
        "You took row j. A column is M[:, j]",
    ),
    15: (
        "named",
        "Used a list comprehension (a Python loop) where a vectorised slice is asked",
        "uses a comprehension loop (line 2): this exercise asks for a vectorised answer",
    ),
    16: (
        "named",
        "Reshaped to (3, 5, 2) instead of (3, 2, 5)",
        "has shape (3, 5, 2) but should be (3, 2, 5)",
    ),
    17: (
        "named",
        "Numbers run 1..30 instead of 0..29",
        "Your numbers start at 1. Start at 0",
    ),
    18: (
        "named",
        "reshape(5, 2, 3).T has the right shape but the numbers are not in reading order",
        "Transposed. The numbers run in the wrong order.",
    ),
    19: (
        "named",
        "Used a float arange, so the dtype is float instead of int",
        "has dtype float64 but should hold integers",
    ),
    20: (
        "named",
        "Indexed B[j, k] instead of B[k, j] (B used transposed)",
        "your result is what the right formula gives with `B` transposed",
    ),
    21: (
        "named",
        "Used np.dot, which the exercise forbids",
        "`my_matmul` uses dot (line 7)",
    ),
    22: (
        "named",
        "Overwrote C[i, j] with each product (=) instead of summing (+=)",
        "Add the products up (total += ...) instead of overwriting them",
    ),
    23: (
        "named",
        "Made C an integer array (dtype=int), so the float sums are truncated",
        "Your result is an integer array (np.zeros(..., dtype=int)?)",
    ),
    24: (
        "named",
        "Wrote the two inner sizes instead of the outer ones",
        "Those are the two inner sizes",
    ),
    25: (
        "named",
        "Put the outer sizes in reverse order",
        "You have the outer sizes in reverse order",
    ),
    26: (
        "named",
        "Listed all three sizes; the inner 5 disappears",
        "You listed all three sizes, but the inner 5 disappears in the product",
    ),
    27: (
        "named",
        "Gave the number of entries instead of the shape tuple",
        "That is the number of entries, not the shape",
    ),
    28: (
        "named",
        "Used the backwards rule rows(A) = columns(B)",
        "That rule is backwards: the COLUMNS of the first must equal the ROWS",
    ),
    29: (
        "named",
        "Tested for equal shapes instead of matching inner sizes",
        "You tested for equal shapes",
    ),
    30: (
        "named",
        "Wrote the answers as strings instead of bools",
        "is a str but should be True or False",
    ),
    31: (
        "named",
        "Wrote 1/0 ints instead of True/False bools",
        "is an int but should be True or False",
    ),
    32: (
        "named",
        "Used the first row of B (7, 8, 9) instead of its first column",
        "You used 7, 8, 9: the first numbers of B read row by row",
    ),
    33: (
        "not named",
        "Paired the first column of A (1, 4) with the first row of B (7, 8) instead of row of A with column of B",
        "",
    ),
    34: (
        "named",
        "Stored a float (58.0) instead of an int",
        "is the float 58 but should be a whole number (an int)",
    ),
    35: (
        "named",
        "Added all the numbers instead of multiplying pairs and summing",
        "You added the numbers. A dot product multiplies the pairs first",
    ),
    36: (
        "named",
        "Copied A unchanged (result of shape (m, n), result[i, j] = A[i, j])",
        "You returned the matrix unchanged",
    ),
    37: (
        "named",
        "Used .T, which the exercise forbids",
        "`my_transpose` uses .T (line 2)",
    ),
    38: (
        "named",
        "Reshaped instead of transposing",
        "You reshaped instead of transposing",
    ),
    39: (
        "named",
        "Swapped entries inside A in place (mutates the input, cannot give a new (n, m) array)",
        "your function changed its input `A` in place",
    ),
    40: (
        "named",
        "Computed c (A + B) instead of cA + B",
        "You scaled the sum c (A + B)",
    ),
    41: (
        "named",
        "Added c instead of multiplying by c",
        "You added c to every entry. A scalar multiple multiplies: c * A",
    ),
    42: (
        "named",
        "Scaled A in place (A *= c), changing the caller's array",
        "your function changed its input `A` in place",
    ),
    43: (
        "named",
        "Subtracted B instead of adding it",
        "Sign error. You subtracted B",
    ),
    44: (
        "named",
        "Returned the angle in radians (no np.degrees)",
        "Your angle is in radians. Convert it to degrees (np.degrees).",
    ),
    45: (
        "named",
        "Divided by the squared lengths instead of the lengths",
        "You divided by the squared lengths",
    ),
    46: (
        "named",
        "Did not clip the cosine, so rounding past 1 gives NaN from arccos",
        "Clip the cosine first: np.clip(c, -1, 1)",
    ),
    47: (
        "named",
        "Used arcsin instead of arccos",
        "use arccos, not arcsin",
    ),
    48: (
        "named",
        "Divided by u . u instead of v . v",
        "Divide by v . v, not u . u.",
    ),
    49: (
        "named",
        "Forgot to multiply the coefficient by v (returns a number)",
        "a factor is missing (the one with `v`)",
    ),
    50: (
        "named",
        "Multiplied the coefficient by u instead of v",
        "Your vector lies along u. The projection on v lies along v",
    ),
    51: (
        "not named",
        "Used floor division // instead of /, truncating the coefficient",
        "",
    ),
    52: (
        "named",
        "Did not divide by |w|; returned w . x + b",
        "Divide it by |w| to get a distance.",
    ),
    53: (
        "named",
        "Divided by |w|^2 (w @ w) instead of |w|",
        "You divided by |w|^2. The distance is z / |w|.",
    ),
    54: (
        "not named",
        "Added b after dividing, so b is not divided by |w|",
        "",
    ),
    55: (
        "named",
        "Took the absolute value, losing the sign",
        "Keep the sign: it tells on which side of the hyperplane each point lies.",
    ),
    56: (
        "named",
        "Left the determinant negative; the area is its absolute value",
        "An area is never negative: it is |det A|",
    ),
    57: (
        "named",
        "Added the off-diagonal product instead of subtracting it",
        "Subtract the product of the off-diagonal entries",
    ),
    58: (
        "not named",
        'misleading: multiplied down the columns (1*4 - 3*2), not the diagonals; message says "only the diagonal"',
        "",
    ),
    59: (
        "named",
        "Took only the diagonal product, dropping the off-diagonal term",
        "You multiplied only the diagonal. det A = a00 a11 - a01 a10.",
    ),
    60: (
        "named",
        "Multiplied by W instead of W^T",
        "You multiplied by W, not by its transpose",
    ),
    61: (
        "named",
        "Left out the bias b",
        "You left out the bias b.",
    ),
    62: (
        "named",
        "Added the bias twice",
        "You added the bias twice",
    ),
    63: (
        "not named",
        (
            "misleading: reshaped b into a column (n_out, 1); b must stay a row (n_out,); the hint "
            "suggests making (n,) a column"
        ),
        "",
    ),
    64: (
        "named",
        "Wrote (n_in, n_out) instead of (n_out, n_in)",
        "That is (n_in, n_out)",
    ),
    65: (
        "named",
        "Used a list instead of a tuple",
        "is a list but should be a tuple",
    ),
    66: (
        "named",
        "Gave the shape of b instead of W",
        "That is the shape of b, one number per neuron",
    ),
    67: (
        "named",
        "Gave each row 4 entries instead of one per input (3)",
        "Each neuron has one weight per input, so each row has 3 entries.",
    ),
    68: (
        "named",
        "Swapped the axes: (n_out, batch) instead of (batch, n_out)",
        "Z has one ROW per sample, like X: (batch, n_out).",
    ),
    69: (
        "named",
        "Gave the shape of X (3 inputs) instead of 4 outputs",
        "That is the shape of X. The layer turns 3 inputs into 4 outputs per sample.",
    ),
    70: (
        "named",
        "Gave the shape of b instead of Z",
        "That is the shape of b. Z has one row per sample and one column per neuron.",
    ),
    71: (
        "named",
        "Wrote one size as a float (4.0) instead of an int",
        "is the float 4 but should be a whole number (an int)",
    ),
    72: (
        "named",
        "Counted only the weights, no biases",
        "You counted only the weights. Each layer also has one bias per neuron",
    ),
    73: (
        "named",
        "Counted one bias per input (n_in) instead of per neuron (n_out)",
        "Your layers have one bias per INPUT",
    ),
    74: (
        "named",
        "range(len(sizes) - 2) leaves out the last layer",
        "You left out the last layer",
    ),
    75: (
        "named",
        "Returned float(total) instead of an int (partly misleading: the appended off-by-one hint is wrong)",
        "your result is the float 3 but should be a whole number (an int)",
    ),
    76: (
        "named",
        "Used the naive formula, which overflows for large negative z and loses tiny values",
        "Sigmoid overflowed for large negative inputs",
    ),
    77: (
        "not named",
        (
            "misleading: swapped the two np.where branches (the exponent -|z| is right); message blames "
            "the sign in the exponent"
        ),
        "",
    ),
    78: (
        "named",
        "Wrote the result into z in place (z[...] = ...), changing the input",
        "your function changed its input `z` in place",
    ),
    79: (
        "named",
        "Used a Python for loop instead of a vectorised answer",
        "`sigmoid` uses a for loop (line 4)",
    ),
    80: (
        "named",
        "Gave the value sigma(0) instead of the slope sigma'(0)",
        "0.5 is the VALUE sigma(0)",
    ),
    81: (
        "named",
        "Used sigma (1 + sigma) instead of sigma (1 - sigma)",
        "You computed sigma (1 + sigma): a sign error",
    ),
    82: (
        "named",
        "Wrote the number as a string",
        "is a str but should be a number",
    ),
    83: (
        "named",
        "Used Python's built-in max, which cannot compare an array entry by entry",
        "use np.maximum / np.where, which work entry by entry",
    ),
    84: (
        "not named",
        "Used np.max (a reduction; 0 is the axis) instead of the entrywise np.maximum",
        "",
    ),
    85: (
        "named",
        "Set negative entries to 0 in z itself (in place)",
        "your function changed its input `z` in place",
    ),
    86: (
        "named",
        "Compared with 0.0, which turns int input into floats (partly misleading: the appended axis= hint is wrong)",
        "a float crept in (0.0, / or np.ceil)",
    ),
    87: (
        "named",
        "Used z >= 0, giving 1 at z = 0 instead of 0",
        "test z > 0, not z >= 0",
    ),
    88: (
        "named",
        "Returned a bool array instead of floats",
        "Return floats (0.0 and 1.0), as the derivative of a float function",
    ),
    89: (
        "named",
        "Divided relu(z) by z, which is 0/0 = NaN at z = 0",
        "NaN at 1 of 5 entries where the result is finite (an overflow, 0/0 or log(0)?)",
    ),
    90: (
        "named",
        "Returned relu itself instead of its derivative",
        "That is relu itself. Its derivative is 1 where z > 0 and 0 elsewhere.",
    ),
    91: (
        "named",
        "Left out relu on the hidden layer",
        "Your hidden layer has no activation.",
    ),
    92: (
        "named",
        "Used relu instead of the sigmoid on the output layer",
        "Your output layer uses relu. The output layer here uses the sigmoid.",
    ),
    93: (
        "named",
        "Multiplied by W1 and W2 instead of their transposes",
        "You multiplied by W, not W^T.",
    ),
    94: (
        "not named",
        "Added the biases after the activations instead of inside them",
        "",
    ),
    95: (
        "named",
        "Summed the squared differences instead of taking the mean",
        "You summed the squared differences. The loss takes the MEAN",
    ),
    96: (
        "named",
        "Averaged absolute differences (MAE) instead of squares",
        "You averaged the absolute differences (the MAE). Square them instead.",
    ),
    97: (
        "not named",
        (
            "Took the mean along axis=0 only (per column), not over all entries, and returned an array; "
            ".item() would only hide it"
        ),
        "",
    ),
    98: (
        "named",
        "Took the square root (RMSE)",
        "You took the square root: that is the RMSE.",
    ),
    99: (
        "named",
        "Did not divide by the number of entries N",
        "The loss takes the mean, so its gradient is divided by the number of entries N.",
    ),
    100: (
        "named",
        "Dropped the factor 2",
        "You lost the factor 2: the derivative of u^2 is 2u.",
    ),
    101: (
        "named",
        "Wrong sign: used y_true - y_pred",
        "Your gradient points the wrong way.",
    ),
    102: (
        "not named",
        "Averaged the gradient into one number (np.mean) instead of dividing each entry by N",
        "",
    ),
    103: (
        "named",
        "Did not subtract the row maximum, so exp overflows",
        "Subtract each row's maximum first",
    ),
    104: (
        "named",
        "Subtracted the whole batch's maximum instead of each row's own",
        "You shifted by the whole batch's maximum",
    ),
    105: (
        "named",
        "Used max/sum over axis=1 without keepdims, so they broadcast along the wrong axis",
        "Keep it a column, shape (n, 1), with keepdims=True or [:, None]",
    ),
    106: (
        "named",
        "Shifted z in place (z -= ...), changing the caller's array",
        "your function changed its input `z` in place",
    ),
    107: (
        "named",
        "Took np.log of the softmax probabilities, which underflow to 0 (log 0 = -inf)",
        "Work in log space",
    ),
    108: (
        "named",
        "Summed over the batch instead of taking the mean",
        "You summed over the batch where the loss takes the mean",
    ),
    109: (
        "not named",
        "Used the raw logits of the true class instead of the log-softmax (no normalisation)",
        "",
    ),
    110: (
        "named",
        "Indexed log_p[:, labels] (an n x n block) instead of log_p[np.arange(n), labels]",
        "logp[:, labels] takes the columns of every label for every row",
    ),
    111: (
        "named",
        "Used log base 10 instead of the natural log",
        "You used log base 10. Cross-entropy uses the natural log: np.log.",
    ),
    112: (
        "named",
        "Gave the probability 1/10 instead of -log(1/10)",
        "0.1 is the probability of the true class. The loss is -log of it.",
    ),
    113: (
        "named",
        "Wrong sign: the loss is -log(1/10) = +log(10)",
        "The loss is MINUS the log-probability, and so it is positive.",
    ),
    114: (
        "not named",
        "Multiplied by 10 (summed over all classes) instead of only the true class's -log p",
        "",
    ),
    115: (
        "named",
        "Updated theta in place (theta -= ...)",
        "your function changed its input `theta` in place",
    ),
    116: (
        "named",
        "Left out the learning rate",
        "You left out the learning rate",
    ),
    117: (
        "named",
        "Divided the gradient by lr instead of multiplying",
        "You divided by the learning rate.",
    ),
    118: (
        "named",
        "Added the gradient (went uphill) instead of subtracting",
        "Sign error. Your step goes uphill: the update SUBTRACTS the gradient",
    ),
    119: (
        "named",
        "Used 1 / max(lambda) instead of 2 / max(lambda)",
        "Steps up to twice that size still shrink |theta|",
    ),
    120: (
        "named",
        "Used the smallest curvature instead of the largest",
        "You used the smallest curvature.",
    ),
    121: (
        "not named",
        "Did not take the maximum curvature: returned 2 / lambda for every curvature (an array)",
        "",
    ),
    122: (
        "named",
        "Used floor division // instead of /",
        "You used //, integer (floor) division",
    ),
    123: (
        "named",
        "Loop condition > tol instead of >= tol (stops one step early at equality)",
        "keep stepping while |theta| >= tol (not > tol)",
    ),
    124: (
        "named",
        "Left out the curvature a in the step",
        "You left out the curvature a: the step is lr * a * theta.",
    ),
    125: (
        "named",
        "Returned theta instead of the step count",
        "You returned theta. Return the number of steps you took",
    ),
    126: (
        "named",
        "Takes a step before testing, so counts 1 step when |theta0| < tol already",
        "You counted one step too many.",
    ),
    127: (
        "named",
        "Path leaves out the starting point theta0",
        "Your path leaves out the start.",
    ),
    128: (
        "named",
        "Updated theta in place (theta -= ...), changing theta0 and aliasing every row of the path",
        "instead of x -= ...",
    ),
    129: (
        "named",
        "Added the gradient (steps go uphill)",
        "Your steps go uphill: the update subtracts the gradient",
    ),
    130: (
        "named",
        "Transposed the path (.T), giving shape (d, steps + 1)",
        "should be (21, 2): did you transpose?",
    ),
    131: (
        "named",
        "Computed X^T dZ (dW transposed) instead of dZ^T X",
        "dW = dZ^T X, not X^T dZ.",
    ),
    132: (
        "named",
        "Divided by the batch size, though dZ already holds the 1/n",
        "You divided by the batch size.",
    ),
    133: (
        "named",
        "Summed dZ and X over the batch before multiplying (outer product of sums)",
        "You summed over the batch before multiplying.",
    ),
    134: (
        "named",
        "Used a Python for loop instead of one matrix product",
        "`dense_dW` uses a for loop (line 3)",
    ),
    135: (
        "named",
        "Summed over the neurons (axis=1) instead of the batch (axis=0)",
        "You summed over the neurons (axis=1).",
    ),
    136: (
        "named",
        "Took the mean over the batch instead of the sum",
        "You took the mean over the batch where the gradient takes the sum",
    ),
    137: (
        "named",
        "Summed over everything instead of over the batch only",
        "You summed over everything. Sum over the batch only (axis=0)",
    ),
    138: (
        "named",
        "Used keepdims=True, giving shape (1, n_out)",
        "It must have b's shape, (n_out,): drop keepdims.",
    ),
    139: (
        "named",
        "Multiplied by W^T instead of W",
        "You multiplied by W^T.",
    ),
    140: (
        "named",
        "Divided by the batch size (a mean) where the sum is needed",
        "did you take the mean where the sum is needed?",
    ),
    141: (
        "named",
        "Put a minus sign in front of the gradient",
        "your result has the opposite sign",
    ),
    142: (
        "named",
        "Used Python loops instead of a matrix product",
        "this exercise asks for a vectorised answer",
    ),
    143: (
        "named",
        "Dropped the factor 2 from the derivative of the square",
        "You lost the factor 2 from the derivative of the square.",
    ),
    144: (
        "named",
        "Left out the sigmoid's derivative a (1 - a)",
        "You forgot the sigmoid's derivative",
    ),
    145: (
        "not named",
        "dL/db multiplied by x (copied dL/dw); dz/db = 1",
        "",
    ),
    146: (
        "named",
        "Left out b in z = w x + b",
        "You left out b: z = w x + b.",
    ),
    147: (
        "named",
        "Used a forward difference instead of the centred one",
        "You used a forward difference",
    ),
    148: (
        "named",
        "Nudged the caller's x in place and never restored it (no copy)",
        "your function changed its input (unreadable) in place",
    ),
    149: (
        "named",
        "x.copy() keeps an int dtype, so the nudge is cut to a whole number",
        "Your x stays integer",
    ),
    150: (
        "named",
        "Nudged every coordinate at once (x + eps) instead of one at a time",
        "You nudged every coordinate at once (x + eps).",
    ),
    151: (
        "named",
        "Multiplied each gradient by its own input instead of the other input",
        "Each input's gradient uses the OTHER input",
    ),
    152: (
        "named",
        "Forgot to multiply by grad_out",
        "You forgot grad_out",
    ),
    153: (
        "named",
        "Returned a list instead of a tuple",
        "your result is a list but should be a tuple",
    ),
    154: (
        "not named",
        "Summed the gradients into numbers (np.sum); the product rule is entrywise, no sum",
        "",
    ),
    155: (
        "named",
        "Left out the 2x contribution of the x^2 term",
        "You forgot the x^2 term: it contributes 2x.",
    ),
    156: (
        "named",
        "Left out the tanh(x) contribution of x as the left factor",
        "You lost the path where x is the left factor of x * tanh(x)",
    ),
    157: (
        "named",
        "Used 1 - tanh instead of 1 - tanh^2 for the derivative of tanh",
        "The derivative of tanh is 1 - tanh(x)^2 (squared).",
    ),
    158: (
        "named",
        "Used x instead of 2x for the derivative of x^2",
        "The derivative of x^2 is 2x, not x.",
    ),
    159: (
        "named",
        "Did not subtract z.max() before np.exp (overflow)",
        "Subtract z.max() before np.exp, as the exercise asks.",
    ),
    160: (
        "named",
        "Wrong sign: outer(s, s) - diag(s) instead of diag(s) - outer(s, s)",
        "Your Jacobian has the wrong sign",
    ),
    161: (
        "named",
        "Kept only the diagonal, dropping the -s_i s_j off-diagonal terms",
        "You kept only the diagonal.",
    ),
    162: (
        "named",
        "Used the entrywise s * s instead of the outer product s s^T",
        "s * s is entrywise, a vector, and it broadcasts across the rows of diag(s)",
    ),
    163: (
        "named",
        "Built the Jacobian with np.diag/np.outer, which the exercise forbids",
        "`softmax_vjp` uses diag (line 4)",
    ),
    164: (
        "named",
        "Subtracted the plain sum of grad_s instead of grad_s . s",
        "subtract grad_s . s (a dot product), not the plain sum of grad_s",
    ),
    165: (
        "named",
        "Left out the outer factor s",
        "You forgot the outer factor s",
    ),
    166: (
        "named",
        "Did not subtract z.max() before np.exp (overflow)",
        "Subtract z.max() before np.exp, as the exercise asks.",
    ),
    167: (
        "named",
        "Used sqrt(2 / (n_in + n_out)) (the standard deviation) instead of sqrt(6 / (n_in + n_out))",
        "That is the standard deviation. The limit a of U(-a, a) is larger",
    ),
    168: (
        "named",
        "Forgot the square root",
        "You forgot the square root",
    ),
    169: (
        "named",
        "Used only n_in instead of n_in + n_out",
        "Glorot uses both fan-in and fan-out: n_in + n_out.",
    ),
    170: (
        "named",
        "Used floor division // (6 // 7 = 0)",
        "an integer (floor) division // or an int() where the exact quotient is needed",
    ),
    171: (
        "named",
        "Returned the variance instead of its square root",
        "You returned the variance. Return the standard deviation: its square root.",
    ),
    172: (
        "named",
        "Used He's scale for every activation",
        "You used He's scale for every activation.",
    ),
    173: (
        "named",
        "Swapped the two cases: Glorot for relu, He for the others",
        "You used Glorot's scale for every activation.",
    ),
    174: (
        "named",
        "Used the uniform limit sqrt(6 / (n_in + n_out)) for Glorot instead of the std",
        "That is the limit of a uniform distribution with this variance.",
    ),
    175: (
        "named",
        "Standardized the test set with its own statistics instead of the training set's",
        "You standardized the test set with its own mean and standard deviation.",
    ),
    176: (
        "named",
        "Used ddof=1 (sample std) instead of the population std",
        "the sample statistics (ddof=1, dividing by n - 1)",
    ),
    177: (
        "named",
        "Used one mean and std for the whole array instead of per column (axis=0)",
        "You used one mean and one standard deviation for the whole array.",
    ),
    178: (
        "named",
        "Standardized X_train in place (-=, /=)",
        "your function changed its input `X_train` in place",
    ),
    179: (
        "named",
        "Multiplied 0.8 by 10 instead of raising it to the 10th power",
        "The factors multiply, they do not add: 0.8 times itself, once per layer.",
    ),
    180: (
        "named",
        "Gave the variance factor (0.64^10) instead of the std factor",
        "That is the factor of the variance (0.8^2 per layer).",
    ),
    181: (
        "named",
        "Used 9 layers instead of 10",
        "One layer short: ten layers multiply the standard deviation by 0.8 ten times.",
    ),
    182: (
        "not named",
        "Treated 0.8 as a variance factor (sqrt(0.8) per layer); the weights' scale 0.8 multiplies the std directly",
        "",
    ),
    183: (
        "named",
        "Averaged the buffer (b = mu b + (1 - mu) g) instead of adding the whole gradient",
        "You averaged (b = mu b + (1 - mu) g).",
    ),
    184: (
        "named",
        "No momentum buffer carried over: plain gradient descent",
        "Your momentum buffer forgets the past: that is plain gradient descent.",
    ),
    185: (
        "named",
        "theta = theta0 then theta -= ... changes the caller's theta0 in place",
        "your function changed its input (unreadable) in place",
    ),
    186: (
        "not named",
        "Evaluated the gradient at theta0 every step instead of at the current theta",
        "",
    ),
    187: (
        "named",
        "Put eps inside the square root",
        "You put eps inside the square root.",
    ),
    188: (
        "named",
        "Averaged g instead of g^2 in v",
        "Your v averages g, not g^2",
    ),
    189: (
        "named",
        "Divided by v instead of sqrt(v)",
        "You divided by v, not by its square root.",
    ),
    190: (
        "named",
        "Swapped alpha and 1 - alpha in the update of v",
        "when `alpha` stands where 1 - `alpha` is needed",
    ),
    191: (
        "named",
        "Left out the bias correction",
        "You left out the bias correction.",
    ),
    192: (
        "named",
        "Counted steps from t = 0, so 1 - beta^0 = 0 divides by zero",
        "Count the steps from t = 1",
    ),
    193: (
        "not named",
        "Overwrote m and v with their bias-corrected values, so the correction compounds across steps",
        "",
    ),
    194: (
        "named",
        "Averaged g instead of g^2 in v",
        "Your v averages g, not its square",
    ),
    195: (
        "named",
        "Wrong sign: stepped along the gradient instead of against it",
        "Right size, wrong direction: the step goes against the gradient.",
    ),
    196: (
        "named",
        "Gave plain gradient descent's step -lr g",
        "That is plain gradient descent's step, -lr g.",
    ),
    197: (
        "named",
        "Left out the bias correction",
        "That is the step without the bias correction",
    ),
    198: (
        "named",
        "Thought the nearly flat coordinate does not move; at t = 1 it moves by about lr",
        "The nearly flat coordinate moves by about lr too",
    ),
    199: (
        "named",
        "Rounded down with // instead of up (the last, smaller batch is a step)",
        "round UP (math.ceil), not down",
    ),
    200: (
        "named",
        "Returned n for batch_size=None instead of 1",
        "batch_size=None means the full batch: one step per epoch.",
    ),
    201: (
        "named",
        "Divided without rounding (returns a float 31.25)",
        "You divided without rounding",
    ),
    202: (
        "named",
        "n // batch_size + 1 is one too many when n is a multiple of batch_size",
        "Your count is one too many when n is a multiple of batch_size",
    ),
    203: (
        "named",
        "Took argmax over axis 0 instead of axis 1",
        "You took the argmax over axis 0 (down the samples).",
    ),
    204: (
        "named",
        "Counted the right predictions (sum) instead of the fraction (mean)",
        "You counted the right predictions. Accuracy is the FRACTION that is right",
    ),
    205: (
        "named",
        "Compared the largest logit value (max) with the label instead of its index (argmax)",
        "You compared the largest logit itself with the label.",
    ),
    206: (
        "named",
        "Used != (the error rate) instead of ==",
        "That is the error rate, the fraction that is WRONG.",
    ),
    207: (
        "named",
        "Did not shuffle: used np.arange(n) instead of the permutation",
        "Your batches are not shuffled.",
    ),
    208: (
        "named",
        "range stops at n - size + 1, dropping the last, smaller batch",
        "You dropped the last, smaller batch.",
    ),
    209: (
        "named",
        "Did not handle batch_size=None",
        "handle the case None (e.g. batch_size=None) on its own",
    ),
    210: (
        "not named",
        "range(0, n, 1) starts a batch at every index (overlapping batches) instead of stepping by size",
        "",
    ),
    211: (
        "named",
        "Returned the four arrays in the wrong order (X_train, y_train, X_test, y_test)",
        "Your four arrays come in another order",
    ),
    212: (
        "named",
        "Used int() (rounds down) instead of math.ceil for n_test",
        "round the number of test samples UP (math.ceil)",
    ),
    213: (
        "named",
        "Took the test set from the end of order instead of the first n_test indices",
        "Your test set is the LAST n_test indices of order.",
    ),
    214: (
        "not named",
        "Shuffled y with a different permutation than X, so labels no longer match samples",
        "",
    ),
    215: (
        "named",
        "Recorded the loss after the update instead of before",
        "Record the loss BEFORE each update",
    ),
    216: (
        "named",
        "Dropped the 1/n from the gradient",
        "Your gradient is that of the summed loss.",
    ),
    217: (
        "named",
        "Never updated the bias b",
        "Your bias never moves. Update b too",
    ),
    218: (
        "not named",
        (
            "misleading: residual r = y - y_hat flips the gradient's sign; message points at the update, "
            "which already subtracts"
        ),
        "",
    ),
    219: (
        "named",
        "Floor-divided the total instead of rounding each epoch's batches up",
        "The last, smaller batch of each epoch is a step too: round up.",
    ),
    220: (
        "named",
        "Gave the number of epochs instead of steps",
        "20 is the number of EPOCHS (passes over the data)",
    ),
    221: (
        "named",
        "Counted one step per sample (batch size 1) instead of per batch of 64",
        "That would be with batch size 1 (SGD).",
    ),
    222: (
        "named",
        "Divided without rounding (non-integer), and did not round batches per epoch up",
        "count the batches per epoch (rounded up), then multiply.",
    ),
}
