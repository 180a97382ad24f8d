namespace KeyWarden.EmulatorTests.Infrastructure;

/// <summary>A test's own temporary directory for its plan and journal (the journal at apply's default path), removed after the test.</summary>
public abstract class PlanScratchDirectory(string prefix) : IDisposable
{
    protected string Dir { get; } = Directory.CreateTempSubdirectory(prefix).FullName;

    protected string PlanPath => Path.Combine(Dir, "plan.json");

    protected string JournalPath => Path.Combine(Dir, "plan.journal.jsonl");

    public void Dispose()
    {
        Directory.Delete(Dir, recursive: true);
        GC.SuppressFinalize(this);
    }
}
