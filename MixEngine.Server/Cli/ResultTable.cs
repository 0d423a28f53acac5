using Spectre.Console;

namespace MixEngine.Server.Cli;

/// <summary>
/// Writes a verb's result table: a Spectre.Console table on an interactive terminal, otherwise aligned plain text
/// (two spaces between columns, a header line, no borders) that scripts can split on whitespace. CLI main thread.
/// </summary>
public static class ResultTable
{
    /// <summary>Writes <paramref name="rows"/> under <paramref name="headers"/>; columns in <paramref name="rightAligned"/> are padded on the left.</summary>
    public static void Write(Terminal terminal, IReadOnlyList<string> headers, IReadOnlyList<string[]> rows, params int[] rightAligned)
    {
        if (terminal.IsInteractive)
        {
            var table = new Table().Border(TableBorder.Rounded);
            for (int i = 0; i < headers.Count; i++)
                table.AddColumn(new TableColumn(Markup.Escape(headers[i])) { Alignment = rightAligned.Contains(i) ? Justify.Right : Justify.Left });
            foreach (var row in rows) table.AddRow(row.Select(Markup.Escape).ToArray());
            terminal.Ansi.Write(table);
            return;
        }
        var widths = Enumerable.Range(0, headers.Count)
            .Select(i => Math.Max(headers[i].Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        string Line(IReadOnlyList<string> cells) =>
            string.Join("  ", cells.Select((c, i) => rightAligned.Contains(i) ? c.PadLeft(widths[i]) : c.PadRight(widths[i]))).TrimEnd();
        terminal.Output.WriteLine(Line(headers));
        foreach (var row in rows) terminal.Output.WriteLine(Line(row));
    }
}
