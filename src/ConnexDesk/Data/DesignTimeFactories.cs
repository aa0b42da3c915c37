using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ConnexDesk.Data;

// Used only by `dotnet ef migrations add`; no database is opened.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteDeskDb>
{
    public SqliteDeskDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteDeskDb>().UseSqlite("Data Source=design-time.db").Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresDeskDb>
{
    public PostgresDeskDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresDeskDb>().UseNpgsql("Host=localhost;Database=design_time").Options);
}
