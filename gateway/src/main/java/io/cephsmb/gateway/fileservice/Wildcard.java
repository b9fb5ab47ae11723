package io.cephsmb.gateway.fileservice;

/**
 * [MS-FSA] 2.1.4.4 Algorithm to Determine if a FileName Is in an Expression, case-insensitive:
 * {@code *} any run, {@code ?} one character, and the DOS wildcards {@code <} (DOS_STAR: any run
 * that does not pass the last period of the name), {@code >} (DOS_QM: one character, or nothing at
 * a period or at the end of the name) and {@code "} (DOS_DOT: a period, or nothing at the end of
 * the name). Dynamic programming over (expression position, name position), linear in their
 * product.
 */
final class Wildcard {
  private Wildcard() {}

  /** Whether the expression has no wildcard at all (then it names one file). */
  static boolean isLiteral(String expr) {
    for (int i = 0; i < expr.length(); i++) {
      if ("*?<>\"".indexOf(expr.charAt(i)) >= 0) {
        return false;
      }
    }
    return true;
  }

  /** IsNameInExpression(name, expression, ignoreCase = true). */
  static boolean matches(String expr, String name) {
    if (expr.equals("*")) {
      return true;
    }
    int e = expr.length();
    int n = name.length();
    int lastDot = name.lastIndexOf('.');
    // ok[i][j]: expression from i matches name from j
    boolean[][] ok = new boolean[e + 1][n + 1];
    ok[e][n] = true;
    for (int i = e - 1; i >= 0; i--) {
      char c = expr.charAt(i);
      for (int j = n; j >= 0; j--) {
        boolean r;
        switch (c) {
          case '*':
            r = ok[i + 1][j] || (j < n && ok[i][j + 1]);
            break;
          case '?':
            r = j < n && ok[i + 1][j + 1];
            break;
          case '>':
            if (j == n || name.charAt(j) == '.') {
              r = ok[i + 1][j];
            } else {
              r = ok[i + 1][j + 1];
            }
            break;
          case '<':
            {
              int limit = lastDot >= j ? lastDot : n;
              r = false;
              for (int k = j; k <= limit && !r; k++) {
                r = ok[i + 1][k];
              }
              break;
            }
          case '"':
            if (j == n) {
              r = ok[i + 1][j];
            } else {
              r = name.charAt(j) == '.' && ok[i + 1][j + 1];
            }
            break;
          default:
            r = j < n && same(c, name.charAt(j)) && ok[i + 1][j + 1];
            break;
        }
        ok[i][j] = r;
      }
    }
    return ok[0][0];
  }

  private static boolean same(char a, char b) {
    return a == b || Character.toUpperCase(a) == Character.toUpperCase(b);
  }
}
